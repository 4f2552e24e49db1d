CREATE TABLE "stats_changes" (
	"county_code" varchar(6) NOT NULL,
	"txid" "xid8" NOT NULL,
	"noted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stats_changes_county_code_txid_pk" PRIMARY KEY("county_code","txid")
);
--> statement-breakpoint
CREATE TABLE "stats_parts" (
	"kind" varchar(40) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"as_of" date NOT NULL,
	"today" date NOT NULL,
	"snapshot" "pg_snapshot" NOT NULL,
	"payload" jsonb NOT NULL,
	"computed_ms" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stats_parts_kind_county_code_as_of_today_pk" PRIMARY KEY("kind","county_code","as_of","today")
);
