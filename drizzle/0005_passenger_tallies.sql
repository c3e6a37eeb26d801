CREATE TABLE "passenger_tallies" (
	"survived" boolean NOT NULL,
	"passenger_class" smallint NOT NULL,
	"sex" text NOT NULL,
	"age_band" integer NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "passenger_tallies_survived_passenger_class_sex_age_band_pk" PRIMARY KEY("survived","passenger_class","sex","age_band")
);
--> statement-breakpoint
CREATE INDEX "passengers_class_sex_survived_idx" ON "passengers" USING btree ("passenger_class","sex","survived");--> statement-breakpoint
-- The planner's view of how class, sex and survived go together: without it, it multiplies
-- their frequencies as if independent and misjudges rare combinations (first-class women
-- who died), walking a sort index for rows that are not there. ANALYZE (autovacuum) fills it.
CREATE STATISTICS "passengers_filters_stats" (mcv) ON "survived", "passenger_class", "sex" FROM "passengers";--> statement-breakpoint
-- passenger_tallies follows every write to passengers, in the same transaction: each
-- statement's rows, old ones counted out and new ones in, net per combination, one upsert in
-- key order (so concurrent writes lock tally rows in one order and cannot deadlock).
-- The age band is the statistics' own: floor(age / 10) * 10 (people.stats.ts).
CREATE FUNCTION "passenger_tallies_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changes text := concat_ws(' UNION ALL ',
		CASE WHEN TG_OP <> 'DELETE' THEN 'SELECT survived, passenger_class, sex, age, 1 AS delta FROM new_rows' END,
		CASE WHEN TG_OP <> 'INSERT' THEN 'SELECT survived, passenger_class, sex, age, -1 AS delta FROM old_rows' END);
BEGIN
	EXECUTE format($sql$
		INSERT INTO passenger_tallies AS t (survived, passenger_class, sex, age_band, people)
		SELECT survived, passenger_class, sex, (floor(age / 10) * 10)::int, sum(delta)
		FROM (%s) AS changes
		GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4
		ON CONFLICT (survived, passenger_class, sex, age_band) DO UPDATE SET people = t.people + excluded.people
	$sql$, changes);
	DELETE FROM passenger_tallies WHERE people = 0;
	-- A count below zero means the tallies and the people disagree: fail the write, not the figures.
	IF EXISTS (SELECT FROM passenger_tallies WHERE people < 0) THEN
		RAISE EXCEPTION 'passenger_tallies no longer match passengers';
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "passenger_tallies_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM passenger_tallies;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "passenger_tallies_insert" AFTER INSERT ON "passengers" REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION "passenger_tallies_follow"();--> statement-breakpoint
CREATE TRIGGER "passenger_tallies_update" AFTER UPDATE ON "passengers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION "passenger_tallies_follow"();--> statement-breakpoint
CREATE TRIGGER "passenger_tallies_delete" AFTER DELETE ON "passengers" REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION "passenger_tallies_follow"();--> statement-breakpoint
CREATE TRIGGER "passenger_tallies_truncate" AFTER TRUNCATE ON "passengers"
	FOR EACH STATEMENT EXECUTE FUNCTION "passenger_tallies_clear"();--> statement-breakpoint
-- The people already there. The triggers above hold a lock on passengers until this
-- migration commits, so no write falls between this count and them.
INSERT INTO "passenger_tallies" (survived, passenger_class, sex, age_band, people)
	SELECT survived, passenger_class, sex, (floor(age / 10) * 10)::int, count(*)
	FROM "passengers" GROUP BY 1, 2, 3, 4;
