import {
  MEASURE_CATEGORIES,
  canMoveMeasure,
  check,
  isMeasureCategoryName,
  isMeasurePeriodValid,
  isUnderMonitoring,
  scopeOf,
  type Actor,
  type MeasureStatus,
} from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { insertAttachment, type AttachmentView } from '../attachments/attachments.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findHousehold, insertHistory, type HouseholdRow } from '../registry/repo.ts';
import { refreshCoverage } from './refresh-coverage.ts';
import { findMonitoringOfHousehold, insertMeasure, lockMeasure, updateMeasureStatus, type MeasureForMove } from './repo.ts';
import { actsOnHousehold, seesHousehold } from './show-monitoring-record.ts';

type Deps = { tx: Tx; actor: Actor & { displayName?: string }; today: string };

export type MeasureInput = {
  riskType: string;
  category: string;
  measure: string;
  department?: string | undefined;
  amount?: number | null | undefined;
  startOn: string;
  endOn?: string | null | undefined;
  status?: MeasureStatus | undefined;
  /** The day it was really delivered; only with status `delivered` (default today). */
  deliveredOn?: string | undefined;
};

/**
 * The household, when the actor may record measures for it: in scope (else 404), for a helping
 * cadre assigned to it (else 404, as for a missing id; 403 where the rule set lets helping cadres
 * read the whole region), with `measure.record` (else 403), and
 * under monitoring (else 422).
 */
export async function householdForMeasures({ tx, actor, today }: Deps, householdId: string): Promise<{ household: HouseholdRow; riskTypes: string[] }> {
  const household = await findHousehold(tx, scopeOf(actor), householdId, { forUpdate: true });
  if (!household || !(await seesHousehold(tx, actor, household, today))) throw new AppError('NOT_FOUND', 'Household not found');
  if (!check(actor, 'measure.record', { regionCode: household.regionCode }).ok) throw new AppError('FORBIDDEN', 'Your role may not record measures');
  // A helping cadre who reads the whole region (helperReadScope: region) records measures only for its own households.
  if (!(await actsOnHousehold(tx, actor, householdId))) throw AppError.because('FORBIDDEN', 'notAssignedHelper');
  const monitoring = await findMonitoringOfHousehold(tx, householdId, { forUpdate: true });
  if (!monitoring || !isUnderMonitoring(monitoring.status))
    throw AppError.because('WORKFLOW_REFUSED', 'notMonitored');
  return { household, riskTypes: monitoring.riskTypes };
}

/**
 * Records a measure (帮扶措施) against one of the household's risks, then re-checks the coverage of
 * its risks with the domain rules. History and audit in the same transaction.
 */
export async function recordMeasure(deps: Deps, householdId: string, input: MeasureInput) {
  const { household, riskTypes } = await householdForMeasures(deps, householdId);
  if (!riskTypes.includes(input.riskType))
    throw AppError.because('VALIDATION_FAILED', 'riskNotOfHousehold', { riskType: input.riskType }, { field: 'riskType' });
  if (!isMeasureCategoryName(input.category)) throw AppError.because('VALIDATION_FAILED', 'measureCategoryUnknown', undefined, { field: 'category' });
  const measure = input.measure.trim();
  if (!measure) throw AppError.because('VALIDATION_FAILED', 'measureRequired', undefined, { field: 'measure' });
  const endOn = input.endOn ?? null;
  if (!isMeasurePeriodValid(input.startOn, endOn)) throw AppError.because('VALIDATION_FAILED', 'endBeforeStart', { startOn: input.startOn, endOn }, { field: 'endOn' });
  const status = input.status ?? 'planned';
  if (status === 'delivered' && input.startOn > deps.today) throw AppError.because('VALIDATION_FAILED', 'measureNotStarted', undefined, { field: 'status' });
  // Paper work entered later: the day it was really delivered, not the day it is typed in.
  if (input.deliveredOn && status !== 'delivered') throw AppError.because('VALIDATION_FAILED', 'deliveredOnWithoutDelivery', undefined, { field: 'deliveredOn' });
  const deliveredOn = status === 'delivered' ? (input.deliveredOn ?? deps.today) : null;
  if (deliveredOn) assertDeliveryDay(deliveredOn, input.startOn, deps.today, 'deliveredOn');
  const by = deps.actor.displayName ?? deps.actor.username;
  const id = await insertMeasure(deps.tx, {
    countyCode: household.countyCode,
    householdId: household.id,
    riskType: input.riskType,
    category: input.category,
    measure,
    department: (input.department ?? '').trim(),
    amount: input.amount ?? null,
    startOn: input.startOn,
    endOn,
    status,
    deliveredOn,
    createdBy: by,
  });
  await refreshCoverage(deps.tx, [household.id]);
  const after = { riskType: input.riskType, category: input.category, categoryZh: MEASURE_CATEGORIES[input.category].zh, measure, department: input.department ?? '', amount: input.amount ?? null, startOn: input.startOn, endOn, status, ...(deliveredOn ? { deliveredOn } : {}) };
  await insertHistory(deps.tx, [{ countyCode: household.countyCode, householdId: household.id, memberId: null, action: 'monitoring.measureRecorded', actorId: deps.actor.userId, actorName: by, source: 'web', before: null, after }]);
  await recordAudit(deps.tx, deps.actor, 'measure.recorded', { type: 'household', id: household.id, regionCode: household.regionCode }, { after: { measureId: id, ...after } });
  return { id };
}

/** A delivery day is not in the future and not before the measure started. */
function assertDeliveryDay(deliveredOn: string, startOn: string, today: string, field: string): void {
  if (deliveredOn > today) throw AppError.because('VALIDATION_FAILED', 'dateInFuture', { date: deliveredOn }, { field });
  if (deliveredOn < startOn) throw AppError.because('VALIDATION_FAILED', 'deliveredBeforeStart', { deliveredOn, startOn }, { field });
}

async function findMeasure(tx: Tx, householdId: string, measureId: string): Promise<MeasureForMove> {
  const m = /^[0-9a-f-]{36}$/i.test(measureId) ? await lockMeasure(tx, householdId, measureId) : undefined;
  if (!m) throw new AppError('NOT_FOUND', 'Measure not found');
  return m;
}

/**
 * Moves a measure forward (planned → inProgress → delivered, on the real day, not in the future).
 * Optimistic concurrency by `version`: two people updating at once cannot both succeed.
 */
export async function moveMeasure(deps: Deps, householdId: string, measureId: string, input: { status: MeasureStatus; version: number; on?: string | undefined }) {
  const { household } = await householdForMeasures(deps, householdId);
  const m = await findMeasure(deps.tx, household.id, measureId);
  if (m.version !== input.version) throw new AppError('CONFLICT', 'The measure was changed by someone else', { reason: 'staleVersion', extra: { currentVersion: m.version } });
  if (!canMoveMeasure(m.status, input.status))
    throw AppError.because('WORKFLOW_REFUSED', 'measureMoveNotAllowed', { from: m.status, to: input.status });
  const on = input.on ?? deps.today;
  if (input.status === 'delivered') assertDeliveryDay(on, m.startOn, deps.today, 'on');
  else if (on > deps.today) throw AppError.because('VALIDATION_FAILED', 'dateInFuture', { date: on }, { field: 'on' });
  await updateMeasureStatus(deps.tx, m.id, input.status, input.status === 'delivered' ? on : null);
  await refreshCoverage(deps.tx, [household.id]);
  const by = deps.actor.displayName ?? deps.actor.username;
  await insertHistory(deps.tx, [{ countyCode: household.countyCode, householdId: household.id, memberId: null, action: 'monitoring.measureStatus', actorId: deps.actor.userId, actorName: by, source: 'web', before: { measure: m.measure, status: m.status }, after: { measure: m.measure, status: input.status, on } }]);
  await recordAudit(deps.tx, deps.actor, 'measure.status', { type: 'household', id: household.id, regionCode: household.regionCode }, { before: { measureId: m.id, status: m.status }, after: { measureId: m.id, status: input.status, on } });
  return { id: m.id, status: input.status, version: m.version + 1 };
}

/** Attaches evidence (a photo or scan) to a measure; audited. */
export async function attachMeasureEvidence(deps: Deps, householdId: string, measureId: string, file: { fileName: string; mimeType: string; content: Buffer }): Promise<AttachmentView> {
  const { household } = await householdForMeasures(deps, householdId);
  const m = await findMeasure(deps.tx, household.id, measureId);
  const view = await insertAttachment(deps.tx, { ownerKind: 'measure', ownerId: m.id, purpose: 'evidence', fileName: file.fileName, mimeType: file.mimeType, content: file.content, uploadedBy: deps.actor.displayName ?? deps.actor.username });
  await recordAudit(deps.tx, deps.actor, 'measure.evidenceAttached', { type: 'household', id: household.id, regionCode: household.regionCode }, { details: { measureId: m.id, attachmentId: view.id, fileName: file.fileName } });
  return view;
}
