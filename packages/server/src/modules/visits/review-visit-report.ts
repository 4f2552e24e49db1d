import { maskIdNumbersInText, scopeOf, type Actor, type VisitReport } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { openClueWithCase } from '../cases/open-case.ts';
import { findVisits, lockVisitStatus, markVisitReviewed } from './repo.ts';

type Reviewer = Actor & { displayName?: string };

/** The report in the reviewer's scope, still waiting for review (404 outside the scope, 409 once reviewed). */
async function loadForReview(tx: Tx, actor: Actor, id: string): Promise<VisitReport> {
  const { items } = await findVisits(tx, scopeOf(actor), { id });
  const report = items[0];
  if (!report) throw AppError.because('NOT_FOUND', 'notFound');
  if ((await lockVisitStatus(tx, id)) !== 'submitted') throw AppError.because('CONFLICT', 'visitAlreadyReviewed');
  return report;
}

async function reloaded(tx: Tx, actor: Actor, id: string): Promise<VisitReport> {
  return (await findVisits(tx, scopeOf(actor), { id })).items[0]!;
}

/**
 * The township (or the county centre) forwards a visit report to the county: a clue and its
 * identification case are opened — green channel when the risk is a disaster or accident — with the
 * clue date of the visit, since the 15-day clock runs from when the risk was found, not from the review.
 * The caller has checked `visit.review`.
 */
export async function forwardVisitReport(tx: Tx, actor: Reviewer, id: string, note: string | undefined): Promise<{ report: VisitReport; clueId: string; caseId: string }> {
  const report = await loadForReview(tx, actor, id);
  const opened = await openClueWithCase(tx, actor, {
    regionCode: report.regionCode,
    householdId: report.householdId,
    channel: 'visit',
    riskTypes: report.riskTypes,
    summary: report.observed,
    clueDate: report.visitedOn,
  });
  await markVisitReviewed(tx, report.id, { status: 'forwarded', reviewedBy: actor.displayName || actor.username, note: maskIdNumbersInText(note ?? ''), clueId: opened.clueId });
  await recordAudit(tx, actor, 'visit.forwarded', { type: 'visit_report', id: report.id, regionCode: report.regionCode }, { details: { clueId: opened.clueId, caseNumber: opened.caseNumber } });
  return { report: await reloaded(tx, actor, report.id), clueId: opened.clueId, caseId: opened.caseId };
}

/** The township decides a visit report needs no identification; the reason is kept (ID numbers masked). */
export async function dismissVisitReport(tx: Tx, actor: Reviewer, id: string, note: string): Promise<{ report: VisitReport }> {
  const report = await loadForReview(tx, actor, id);
  const masked = maskIdNumbersInText(note);
  await markVisitReviewed(tx, report.id, { status: 'dismissed', reviewedBy: actor.displayName || actor.username, note: masked, clueId: null });
  await recordAudit(tx, actor, 'visit.dismissed', { type: 'visit_report', id: report.id, regionCode: report.regionCode }, { details: { note: masked } });
  return { report: await reloaded(tx, actor, report.id) };
}
