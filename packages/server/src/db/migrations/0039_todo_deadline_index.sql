-- The to-do, the case list and the dashboard read "late" and "due soon" from the deadline that comes
-- first (modules/cases/deadline-sql.ts); stored so that both are ranges of one indexed column (issue 10;
-- docs/design/search-and-todo-performance.md "The to-do").
ALTER TABLE "cases" ADD COLUMN "nearest_due_on" date GENERATED ALWAYS AS (CASE WHEN step = 'callback' THEN step_due_on ELSE LEAST(due_on, coalesce(step_due_on, due_on)) END) STORED;--> statement-breakpoint
-- The open identification cases of a county in deadline order, with what the to-do filters on (the
-- role's steps, the scope's region): ranked and counted from the index alone.
CREATE INDEX "cases_open_deadline_idx" ON "cases" ("county_code", "nearest_due_on", "case_number") INCLUDE ("step", "region_code") WHERE kind = 'identification' AND step NOT IN ('closed', 'withdrawn');--> statement-breakpoint
-- Callbacks due (the hotline desk's to-do count): the open calls of a county by their callback day.
CREATE INDEX "hotline_calls_callback_idx" ON "hotline_calls" ("county_code", "callback_due_on") INCLUDE ("region_code") WHERE status = 'open';--> statement-breakpoint
-- Visit reports to review (the township's to-do count), with the region the scope filters on.
CREATE INDEX "visit_reports_submitted_idx" ON "visit_reports" ("county_code") INCLUDE ("region_code") WHERE status = 'submitted';--> statement-breakpoint
-- The per-user limits on reveals and searches by ID number or phone (modules/audit/access-limits.ts)
-- count one user's rows of these actions in the last hour: only those rows, in time order, instead of
-- every access row the user wrote (a county centre writes one per search and household view).
CREATE INDEX "audit_limited_access_idx" ON "audit_log" ("actor_id", "at") WHERE action IN ('household.searchedByIdentifier', 'member.idNumber.revealed', 'member.phone.revealed', 'household.phone.revealed');
