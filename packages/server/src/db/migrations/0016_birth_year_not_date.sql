-- Only the birth YEAR stays in clear (docs/personal-data.md, "At rest"). With the old 6 + 4 masked
-- ID number the full birth date gave the whole number back, and even with the new mask it leaves
-- about 45 candidates; the exact date is inside the encrypted ID number for the rules that need it.
ALTER TABLE "members" ADD COLUMN "birth_year" smallint;--> statement-breakpoint
UPDATE "members" SET "birth_year" = extract(year FROM "birth_date")::smallint;--> statement-breakpoint
ALTER TABLE "members" ALTER COLUMN "birth_year" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "birth_date";--> statement-breakpoint
-- The mask keeps the first 6 and the last character (it kept the first 6 and the last 4: about 3,300
-- candidates with nothing else known). Recomputed from the stored masked value, so no key is needed.
UPDATE "members" SET "id_masked" = left("id_masked", 6) || repeat('*', 11) || right("id_masked", 1)
  WHERE length("id_masked") = 18 AND "id_masked" <> left("id_masked", 6) || repeat('*', 11) || right("id_masked", 1);--> statement-breakpoint
UPDATE "department_rows" SET "id_masked" = left("id_masked", 6) || repeat('*', 11) || right("id_masked", 1)
  WHERE length("id_masked") = 18 AND "id_masked" <> left("id_masked", 6) || repeat('*', 11) || right("id_masked", 1);--> statement-breakpoint
-- Per-user limits on reveals and identifier searches count the actor's recent audit rows.
CREATE INDEX "audit_actor_at_idx" ON "audit_log" USING btree ("actor_id","at");
