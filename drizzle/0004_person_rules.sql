ALTER TABLE "passengers" DROP CONSTRAINT "passengers_name_check";--> statement-breakpoint
ALTER TABLE "passengers" DROP CONSTRAINT "passengers_age_check";--> statement-breakpoint
ALTER TABLE "passengers" DROP CONSTRAINT "passengers_fare_check";--> statement-breakpoint
ALTER TABLE "passengers" ADD CONSTRAINT "passengers_name_check" CHECK ("passengers"."name" ~ '^(?=[^\u0001-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]*[^\u0001-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000])[^\u0001-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]{1,100}$');--> statement-breakpoint
ALTER TABLE "passengers" ADD CONSTRAINT "passengers_age_check" CHECK ("passengers"."age" between 0 and 150);--> statement-breakpoint
ALTER TABLE "passengers" ADD CONSTRAINT "passengers_fare_check" CHECK ("passengers"."fare" between 0 and 100000);