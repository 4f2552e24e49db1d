CREATE TABLE "county_settings" (
	"county_code" varchar(6) PRIMARY KEY NOT NULL,
	"supervision_phone" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
