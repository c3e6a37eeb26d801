-- The name search's trigram index needs pg_trgm (Neon has it; the embedded PGlite loads it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "passengers_survived_id_idx" ON "passengers" USING btree ("survived","id");--> statement-breakpoint
CREATE INDEX "passengers_survived_desc_id_idx" ON "passengers" USING btree ("survived" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "passengers_passenger_class_id_idx" ON "passengers" USING btree ("passenger_class","id");--> statement-breakpoint
CREATE INDEX "passengers_passenger_class_desc_id_idx" ON "passengers" USING btree ("passenger_class" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "passengers_name_id_idx" ON "passengers" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "passengers_name_desc_id_idx" ON "passengers" USING btree ("name" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "passengers_sex_id_idx" ON "passengers" USING btree ("sex","id");--> statement-breakpoint
CREATE INDEX "passengers_sex_desc_id_idx" ON "passengers" USING btree ("sex" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "passengers_age_id_idx" ON "passengers" USING btree ("age","id");--> statement-breakpoint
CREATE INDEX "passengers_age_desc_id_idx" ON "passengers" USING btree ("age" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "passengers_siblings_or_spouses_aboard_id_idx" ON "passengers" USING btree ("siblings_or_spouses_aboard","id");--> statement-breakpoint
CREATE INDEX "passengers_siblings_or_spouses_aboard_desc_id_idx" ON "passengers" USING btree ("siblings_or_spouses_aboard" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "passengers_parents_or_children_aboard_id_idx" ON "passengers" USING btree ("parents_or_children_aboard","id");--> statement-breakpoint
CREATE INDEX "passengers_parents_or_children_aboard_desc_id_idx" ON "passengers" USING btree ("parents_or_children_aboard" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "passengers_fare_id_idx" ON "passengers" USING btree ("fare","id");--> statement-breakpoint
CREATE INDEX "passengers_fare_desc_id_idx" ON "passengers" USING btree ("fare" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "passengers_name_trgm_idx" ON "passengers" USING gin ("name" gin_trgm_ops);