/**
 * Drafts of a case's step form (草稿): the home check (入户核实) typed in halfway on a phone, kept on
 * the server so that the cadre can close the page, reopen the case later or on another phone and go
 * on (issue 11 item 13). Who may: the roles that act in the step, in their region, while the case is
 * at that step. What is typed is sealed with the personal-data cipher (members' health, the family's
 * money; docs/personal-data.md "Drafts"); reading, saving and discarding are audited (without the
 * values). A draft ends when the case moves on (advance-case.ts deletes it in the move's transaction)
 * or when discarded.
 */
import {
  CASE_DRAFT_MAX_CHARS,
  can,
  IDENTIFICATION_ROLES,
  isInScope,
  scopeOf,
  type Actor,
  type CaseDraft,
  type CaseDraftResult,
  type IdentificationStep,
  type SaveCaseDraftBody,
} from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { deleteCaseDrafts, findCaseDraft, findIdentificationCasePlace, upsertCaseDraft, type CaseDraftRow } from './repo.ts';

type DraftEvent = CaseDraft['eventType'];
type DraftActor = Actor & { displayName?: string };

/** The step at which each draft-keeping form is filled in. */
const STEP_OF_DRAFT = { recordVerification: 'homeVerification' } as const satisfies Record<DraftEvent, IdentificationStep>;

/**
 * The case, when the actor may keep a draft of `eventType` for it: a role acting in the step (else
 * 403), in the region (else 404). `atStep` says whether the case is still at the form's step.
 */
async function draftPlace(tx: Tx, actor: Actor, caseId: string, eventType: DraftEvent) {
  const step = STEP_OF_DRAFT[eventType];
  if (!can(actor, 'case.read') || !(IDENTIFICATION_ROLES[step] as readonly string[]).includes(actor.role))
    throw AppError.because('FORBIDDEN', 'draftRoleNotAllowed');
  const c = await findIdentificationCasePlace(tx, caseId);
  if (!c || !isInScope(scopeOf(actor), c.regionCode)) throw AppError.because('NOT_FOUND', 'caseNotFound');
  return { ...c, atStep: c.step === step };
}

function present(cipher: PersonalDataCipher, row: CaseDraftRow): CaseDraft {
  return {
    caseId: row.caseId,
    eventType: row.eventType as DraftEvent,
    formStep: row.formStep,
    values: JSON.parse(cipher.decrypt(row.valuesEnc)) as Record<string, unknown>,
    savedByName: row.savedByName,
    savedAt: row.savedAt.toISOString(),
  };
}

/** The saved draft of the case's form, or null (none, or the case has left the step). Audited when there is one. */
export async function readCaseDraft(pool: pg.Pool, cipher: PersonalDataCipher, actor: DraftActor, caseId: string, eventType: DraftEvent): Promise<CaseDraftResult> {
  return withTransaction(pool, async (tx) => {
    const c = await draftPlace(tx, actor, caseId, eventType);
    const row = c.atStep ? await findCaseDraft(tx, caseId, eventType) : undefined;
    if (!row) return { draft: null };
    await recordAudit(tx, actor, 'case.draft.viewed', { type: 'case', id: caseId, regionCode: c.regionCode }, { details: { eventType } });
    return { draft: present(cipher, row) };
  });
}

/**
 * Saves (replaces) the draft: the values as typed, unchecked (the step's submit checks them), at most
 * CASE_DRAFT_MAX_CHARS of JSON (else 422 draftTooLarge), while the case is at the form's step (else
 * 422 draftStepOver). Audited with the size, never the values.
 */
export async function saveCaseDraft(
  pool: pg.Pool,
  cipher: PersonalDataCipher,
  actor: DraftActor,
  caseId: string,
  eventType: DraftEvent,
  body: SaveCaseDraftBody,
): Promise<CaseDraft> {
  const json = JSON.stringify(body.values);
  if (json.length > CASE_DRAFT_MAX_CHARS) throw AppError.because('VALIDATION_FAILED', 'draftTooLarge', { maxChars: CASE_DRAFT_MAX_CHARS }, { field: 'values' });
  return withTransaction(pool, async (tx) => {
    const c = await draftPlace(tx, actor, caseId, eventType);
    if (!c.atStep) throw AppError.because('WORKFLOW_REFUSED', 'draftStepOver');
    const row = await upsertCaseDraft(tx, {
      caseId,
      eventType,
      countyCode: c.countyCode,
      regionCode: c.regionCode,
      formStep: body.formStep,
      valuesEnc: cipher.encrypt(json),
      savedById: actor.userId,
      savedByName: actor.displayName || actor.username,
    });
    await recordAudit(tx, actor, 'case.draft.saved', { type: 'case', id: caseId, regionCode: c.regionCode }, { details: { eventType, formStep: body.formStep, chars: json.length } });
    return present(cipher, row);
  });
}

/** Discards the draft (the cadre starts over). Idempotent; audited when there was one. */
export async function discardCaseDraft(pool: pg.Pool, actor: DraftActor, caseId: string, eventType: DraftEvent): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const c = await draftPlace(tx, actor, caseId, eventType);
    if ((await deleteCaseDrafts(tx, caseId, eventType)) > 0)
      await recordAudit(tx, actor, 'case.draft.discarded', { type: 'case', id: caseId, regionCode: c.regionCode }, { details: { eventType } });
  });
}
