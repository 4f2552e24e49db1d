-- The statistics' timelines (docs/statistics.md "Timelines"): each county's figures as running sums
-- by day, so that the overview as of any date is one index lookup per figure. Derived: replaced whole
-- for a county with its `timeline` part in stats_parts; never backed up.
CREATE TABLE "stats_timeline_rows" (
	"county_code" varchar(6) NOT NULL,
	"kind" varchar(40) NOT NULL,
	"key" varchar(40) NOT NULL,
	"day" date NOT NULL,
	"households" integer NOT NULL,
	"persons" integer NOT NULL,
	CONSTRAINT "stats_timeline_rows_county_code_kind_key_day_pk" PRIMARY KEY("county_code","kind","key","day")
);
