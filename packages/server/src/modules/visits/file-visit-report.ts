import { isRiskTypeCode, maskIdNumbersInText, type Actor } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { checkHousehold, checkVillage } from '../clues/check-place.ts';

export type VisitReportInput = {
  clientId?: string | undefined;
  householdId?: string | null | undefined;
  regionCode: string;
  visitedOn: string;
  observed: string;
  riskTypes: string[];
};

/**
 * Files a visit report (走访记录) inside the caller's transaction: the village and household must be
 * in the actor's region, ID numbers typed into the text are masked, and an audit row is written.
 * A `clientId` already used returns that report's id instead (`isNew: false`): a re-send after a
 * lost answer makes no second report. Used by `POST /visit-reports` and the field app's outbox.
 */
export async function fileVisitReportInTx(tx: Tx, actor: Actor & { displayName?: string }, body: VisitReportInput): Promise<{ id: string; regionCode: string; isNew: boolean }> {
  if (body.clientId) {
    const { rows } = await tx.query<{ id: string; regionCode: string }>(`SELECT id, region_code AS "regionCode" FROM visit_reports WHERE client_id = $1`, [body.clientId]);
    if (rows[0]) return { ...rows[0], isNew: false };
  }
  const village = await checkVillage(tx, actor, body.regionCode);
  const regionCode = body.householdId ? (await checkHousehold(tx, actor, body.householdId, village.code)).regionCode : village.code;
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO visit_reports (client_id, county_code, region_code, household_id, visited_on, visitor_name, visitor_id, observed, risk_types)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (client_id) DO NOTHING RETURNING id`,
    [body.clientId ?? null, regionCode.slice(0, 6), regionCode, body.householdId ?? null, body.visitedOn, actor.displayName || actor.username, actor.userId, maskIdNumbersInText(body.observed), body.riskTypes.filter(isRiskTypeCode)],
  );
  if (!rows[0]) throw AppError.because('CONFLICT', 'visitSavedTwice');
  await recordAudit(tx, actor, 'visit.recorded', { type: 'visit_report', id: rows[0].id, regionCode }, { details: { householdId: body.householdId ?? null, riskTypes: body.riskTypes } });
  return { id: rows[0].id, regionCode, isNew: true };
}
