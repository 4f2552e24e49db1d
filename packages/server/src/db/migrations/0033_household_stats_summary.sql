CREATE TABLE "household_stats" (
	"household_id" uuid PRIMARY KEY NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"persons" integer DEFAULT 0 NOT NULL,
	"first_helper_on" date,
	"helper_days" datemultirange DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "household_stats" ADD CONSTRAINT "household_stats_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_stats_region_idx" ON "household_stats" USING btree ("county_code","region_code");