-- The county of the batches imported before batches recorded it (issue 10, item 8).
-- Department batches: the county of the importer's region (a county account or below).
UPDATE department_batches b SET county_code = r.county_code
FROM regions r WHERE r.code = b.region_code AND r.county_code IS NOT NULL AND b.county_code IS NULL;--> statement-breakpoint
-- CLI department batches (no importer region): the one county whose persons their rows matched.
-- A CLI batch that matched persons in several counties, or none, keeps no county: no county account
-- sees it any more (it was shown to every county before).
UPDATE department_batches b SET county_code = c.county_code, region_code = c.county_code || '000000'
FROM (
  SELECT r.batch_id, min(r.county_code) AS county_code FROM department_rows r
  WHERE r.batch_id IN (SELECT id FROM department_batches WHERE region_code IS NULL) AND r.county_code IS NOT NULL
  GROUP BY r.batch_id HAVING count(DISTINCT r.county_code) = 1
) c
WHERE b.id = c.batch_id AND b.region_code IS NULL;--> statement-breakpoint
-- Registry and monitoring batches: the importing account's region and county.
UPDATE import_batches b SET region_code = u.region_code, county_code = r.county_code
FROM users u LEFT JOIN regions r ON r.code = u.region_code
WHERE u.id = b.actor_id AND b.region_code IS NULL;--> statement-breakpoint
-- CLI registry batches: the one county whose households they wrote (their history rows name the batch).
UPDATE import_batches b SET county_code = c.county_code, region_code = c.county_code || '000000'
FROM (
  SELECT h.source, min(h.county_code) AS county_code FROM registry_history h
  WHERE h.source LIKE 'import:%'
  GROUP BY h.source HAVING count(DISTINCT h.county_code) = 1
) c
WHERE c.source = 'import:' || b.id::text AND b.actor_id IS NULL AND b.region_code IS NULL;--> statement-breakpoint
-- Batches left `running` by a process that died before this version: nothing tells whether their
-- rows were kept (registry imports committed every 2,000 rows until now).
UPDATE import_batches SET status = 'failed', finished_at = coalesce(finished_at, now()),
  error = 'Interrupted before this version recorded why; some of its rows may have been kept / 导入在升级前中断，部分行可能已保存，请核对后重新导入'
WHERE status = 'running';
