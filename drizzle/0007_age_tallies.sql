CREATE TABLE "passenger_age_tallies" (
	"survived" boolean NOT NULL,
	"passenger_class" smallint NOT NULL,
	"sex" text NOT NULL,
	"age" double precision NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "passenger_age_tallies_survived_passenger_class_sex_age_pk" PRIMARY KEY("survived","passenger_class","sex","age")
);
--> statement-breakpoint
-- passenger_age_tallies follows every write to passengers as passenger_tallies does (0005),
-- by the exact age rather than its decade: each statement's rows counted out and in, net per
-- combination, one upsert in key order, a count below zero failing the write.
CREATE FUNCTION "passenger_age_tallies_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changes text := concat_ws(' UNION ALL ',
		CASE WHEN TG_OP <> 'DELETE' THEN 'SELECT survived, passenger_class, sex, age, 1 AS delta FROM new_rows' END,
		CASE WHEN TG_OP <> 'INSERT' THEN 'SELECT survived, passenger_class, sex, age, -1 AS delta FROM old_rows' END);
BEGIN
	EXECUTE format($sql$
		INSERT INTO passenger_age_tallies AS t (survived, passenger_class, sex, age, people)
		SELECT survived, passenger_class, sex, age, sum(delta)
		FROM (%s) AS changes
		GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4
		ON CONFLICT (survived, passenger_class, sex, age) DO UPDATE SET people = t.people + excluded.people
	$sql$, changes);
	DELETE FROM passenger_age_tallies WHERE people = 0;
	IF EXISTS (SELECT FROM passenger_age_tallies WHERE people < 0) THEN
		RAISE EXCEPTION 'passenger_age_tallies no longer match passengers';
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "passenger_age_tallies_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM passenger_age_tallies;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "passenger_age_tallies_insert" AFTER INSERT ON "passengers" REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION "passenger_age_tallies_follow"();--> statement-breakpoint
CREATE TRIGGER "passenger_age_tallies_update" AFTER UPDATE ON "passengers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION "passenger_age_tallies_follow"();--> statement-breakpoint
CREATE TRIGGER "passenger_age_tallies_delete" AFTER DELETE ON "passengers" REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION "passenger_age_tallies_follow"();--> statement-breakpoint
CREATE TRIGGER "passenger_age_tallies_truncate" AFTER TRUNCATE ON "passengers"
	FOR EACH STATEMENT EXECUTE FUNCTION "passenger_age_tallies_clear"();--> statement-breakpoint
-- The people already there; the triggers hold a lock on passengers until this commits.
INSERT INTO "passenger_age_tallies" (survived, passenger_class, sex, age, people)
	SELECT survived, passenger_class, sex, age, count(*) FROM "passengers" GROUP BY 1, 2, 3, 4;
