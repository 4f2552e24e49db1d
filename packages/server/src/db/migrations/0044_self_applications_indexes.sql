-- Self-applications had no index but their reference number and phone: a case page's clue list
-- looks up each clue's application by clue_id (a LATERAL join, once per clue of the case), and the
-- statistics' funnel counts a county's applications by county_code and date. Both read the whole
-- table, every county's applications, each time: 27 ms per clue at the 10,000,000-person
-- benchmark's 116,699 applications, and one scan of the table per county part of the statistics.
-- visit_reports and hotline_calls, the other two channels read the same way, have both indexes.
CREATE INDEX "self_applications_clue_idx" ON "self_applications" USING btree ("clue_id");--> statement-breakpoint
CREATE INDEX "self_applications_scope_idx" ON "self_applications" USING btree ("county_code","created_at");
