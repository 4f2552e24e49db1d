import type { Scope, VisitReport } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { listAttachments } from '../attachments/attachments.ts';
import { scopeCondition } from '../registry/scope-sql.ts';
import { villageJoin } from '../regions/repo.ts';

/** The visit-report module's SQL (走访记录). Reads are bounded by the actor's scope. */

export type VisitFilter = { status?: string | undefined; id?: string | undefined; clientId?: string | undefined };

/** Visit reports in scope, newest first, with village, household head and attachments. */
export async function findVisits(tx: Tx, scope: Scope, filter: VisitFilter, page = { limit: 200, offset: 0 }): Promise<{ items: VisitReport[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeCondition(scope, 'vr', params)];
  for (const [column, value] of [['status', filter.status], ['id', filter.id], ['client_id', filter.clientId]] as const) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`vr.${column} = $${params.length}`);
  }
  const { rows: count } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM visit_reports vr WHERE ${where.join(' AND ')}`, params);
  params.push(page.limit, page.offset);
  const { rows } = await tx.query<Omit<VisitReport, 'attachments' | 'reviewedAt'> & { reviewedAt: Date | null }>(
    `SELECT vr.id, vr.client_id AS "clientId", vr.region_code AS "regionCode", v.name AS "villageName", t.name AS "townshipName", vr.household_id AS "householdId",
       h.household_number AS "householdNumber", (SELECT m.name FROM members m WHERE m.household_id = vr.household_id ORDER BY m.relation = 'head' DESC, m.birth_year, m.id LIMIT 1) AS "headName",
       vr.visited_on AS "visitedOn", vr.visitor_name AS "visitorName", vr.observed, vr.risk_types AS "riskTypes", vr.status, vr.reviewed_by AS "reviewedBy",
       vr.reviewed_at AS "reviewedAt", vr.review_note AS "reviewNote", vr.clue_id AS "clueId", c.id AS "caseId"
     FROM visit_reports vr LEFT JOIN households h ON h.id = vr.household_id LEFT JOIN clues vcl ON vcl.id = vr.clue_id LEFT JOIN cases c ON c.id = vcl.case_id
       ${villageJoin('vr.region_code')}
     WHERE ${where.join(' AND ')} ORDER BY vr.created_at DESC, vr.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  const attachments = await listAttachments(tx, 'visit', rows.map((r) => r.id));
  return { total: count[0]!.n, items: rows.map((r) => ({ ...r, reviewedAt: r.reviewedAt?.toISOString() ?? null, attachments: attachments.get(r.id) ?? [] })) };
}

/** The report's status, the row locked until the transaction ends (two reviewers: one wins). */
export async function lockVisitStatus(tx: Tx, id: string): Promise<string | undefined> {
  const { rows } = await tx.query<{ status: string }>(`SELECT status FROM visit_reports WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0]?.status;
}

/** Marks a report reviewed: forwarded with the clue it opened, or dismissed. */
export async function markVisitReviewed(tx: Tx, id: string, review: { status: 'forwarded' | 'dismissed'; reviewedBy: string; note: string; clueId: string | null }): Promise<void> {
  await tx.query(`UPDATE visit_reports SET status = $2, reviewed_by = $3, reviewed_at = now(), review_note = $4, clue_id = $5 WHERE id = $1`, [id, review.status, review.reviewedBy, review.note, review.clueId]);
}

/** The report filed with this clientId, whoever filed it (a re-send returns it; the caller checks scope). */
export async function findVisitByClientId(tx: Tx, clientId: string): Promise<{ id: string; regionCode: string } | undefined> {
  const { rows } = await tx.query<{ id: string; regionCode: string }>(`SELECT id, region_code AS "regionCode" FROM visit_reports WHERE client_id = $1`, [clientId]);
  return rows[0];
}

export type NewVisitRow = { clientId: string | null; regionCode: string; householdId: string | null; visitedOn: string; visitorName: string; visitorId: string; observed: string; riskTypes: string[] };

/** Stores a report; undefined when the same clientId was stored meanwhile (a concurrent re-send). */
export async function insertVisit(tx: Tx, v: NewVisitRow): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO visit_reports (client_id, county_code, region_code, household_id, visited_on, visitor_name, visitor_id, observed, risk_types)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (client_id) DO NOTHING RETURNING id`,
    [v.clientId, v.regionCode.slice(0, 6), v.regionCode, v.householdId, v.visitedOn, v.visitorName, v.visitorId, v.observed, v.riskTypes],
  );
  return rows[0]?.id;
}
