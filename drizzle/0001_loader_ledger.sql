CREATE TABLE "passenger_loads" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "passenger_loads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"rows" integer NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "passenger_loads_sha256_unique" UNIQUE("sha256")
);
--> statement-breakpoint
ALTER TABLE "passengers" ADD COLUMN "load_id" integer;