import { isRiskTypeCode, maskIdNumbersInText, type Actor } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { checkHousehold, checkVillage } from '../clues/check-place.ts';
import { findVisitByClientId, insertVisit } from './repo.ts';

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
    const stored = await findVisitByClientId(tx, body.clientId);
    if (stored) return { ...stored, isNew: false };
  }
  const village = await checkVillage(tx, actor, body.regionCode);
  const regionCode = body.householdId ? (await checkHousehold(tx, actor, body.householdId, village.code)).regionCode : village.code;
  const id = await insertVisit(tx, {
    clientId: body.clientId ?? null,
    regionCode,
    householdId: body.householdId ?? null,
    visitedOn: body.visitedOn,
    visitorName: actor.displayName || actor.username,
    visitorId: actor.userId,
    observed: maskIdNumbersInText(body.observed),
    riskTypes: body.riskTypes.filter(isRiskTypeCode),
  });
  if (!id) throw AppError.because('CONFLICT', 'visitSavedTwice');
  await recordAudit(tx, actor, 'visit.recorded', { type: 'visit_report', id, regionCode }, { details: { householdId: body.householdId ?? null, riskTypes: body.riskTypes } });
  return { id, regionCode, isNew: true };
}
