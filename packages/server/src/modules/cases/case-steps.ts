/**
 * What each case event records before the procedure judges the move: its data parsed with the
 * contract's schema for that event (`CASE_EVENT_DATA`, whoever sends it: the API, the hotline desk,
 * the field app, a warning correction), the facts it adds to the case, the timeline entry's data,
 * and the domain event `nextIdentificationState` checks. Reads what it needs; writes nothing but a
 * household given to the case (`linkHousehold`).
 */
import {
  AssistanceDataSchema,
  CASE_EVENT_DATA,
  CountyDecisionDataSchema,
  DeliberationDataSchema,
  checkAssistance,
  checkHouseholdLink,
  entryDateSchema,
  isRiskTypeCode,
  type Actor,
  type CaseEventType,
  type IdentificationEvent,
  type RuleSet,
} from '@fangpin/domain';
import type { z } from 'zod';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { Reentry } from '../monitoring/reentry.ts';
import { automaticPropertyFindings, mergeAssets, NewHouseholdDataSchema, registryMembers, type CaseFacts } from './case-facts.ts';
import { linkHousehold } from './case-outcomes.ts';
import { sealVerificationMembers } from './member-birth-dates.ts';
import { hasCaseAttachment, type CaseForMove } from './repo.ts';

/** An event as the use case receives it: `data` not yet parsed (internal callers build it too). */
export type CaseEventInput = { type: CaseEventType; version: number; data?: unknown; comment?: string | undefined; occurredOn?: string | undefined };

/** `data` parsed with `schema`: a problem names the field (`data.members.0.birthDate`), 400. */
export function parseData<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.');
    throw new AppError('VALIDATION_FAILED', `data${where ? `.${where}` : ''}: ${issue.message}`, { field: `data${where ? `.${where}` : ''}` });
  }
  return parsed.data;
}

/** What a step records: the case's facts after it, the timeline data, the domain event (none for assistance), and more. */
export type PreparedStep = {
  facts: CaseFacts;
  data: unknown;
  event: IdentificationEvent | null;
  /** Decisions keep the facts and the rule-set version they were based on. */
  snapshot: unknown;
  /** Set by the county's decision: the day an approved household becomes a monitoring object. */
  effectiveOn: string | null;
};

export type StepContext = {
  tx: Tx;
  cipher: PersonalDataCipher;
  today: string;
  occurredOn: string;
  actor: Actor & { displayName?: string };
  ruleSet: RuleSet;
  c: CaseForMove;
  /** Members of the case's household (null without one): the steps that work on them are refused without. */
  memberCount: number | null;
};

/**
 * Prepares one event. `masked` is the data with typed ID numbers masked (what is stored);
 * `typed` the data as sent (only a new household's members are read from it, sealed by the registry).
 */
export async function prepareStep(ctx: StepContext, type: CaseEventType, masked: unknown, typed: unknown): Promise<PreparedStep> {
  const { tx, cipher, today, occurredOn, actor, ruleSet, c, memberCount } = ctx;
  const byName = actor.displayName ?? actor.username;
  const facts: CaseFacts = { ...c.facts };
  const step = (event: IdentificationEvent | null, data: unknown, more: Partial<PreparedStep> = {}): PreparedStep => ({ facts, data, event, snapshot: null, effectiveOn: null, ...more });

  switch (type) {
    case 'startVerification':
    case 'endNotice':
    case 'townshipApprove':
    case 'recordAssessment': {
      parseData(CASE_EVENT_DATA[type], masked);
      return step(type === 'recordAssessment' ? { type, memberCount } : { type }, {});
    }
    case 'linkHousehold': {
      const refusal = checkHouseholdLink(c.state, c.householdId !== null, { id: actor.userId, role: actor.role }, ruleSet, occurredOn);
      if (refusal) throw new AppError('WORKFLOW_REFUSED', refusal.message, { reason: refusal.reason, params: refusal.params });
      // Parsed from the body as typed: a new household's ID numbers are sealed by the registry, never stored in clear.
      const link = parseData(CASE_EVENT_DATA.linkHousehold, typed);
      const linked = await linkHousehold(tx, today, actor, c, 'householdId' in link ? link : parseData(NewHouseholdDataSchema, typed), cipher);
      if (linked.reentry) facts.reentry = linked.reentry as Reentry;
      return step(null, linked);
    }
    case 'recordVerification': {
      const v = parseData(CASE_EVENT_DATA.recordVerification, masked);
      const registry = c.householdId ? await registryMembers(tx, cipher, c.householdId) : [];
      const previous = c.facts.verification?.members ?? [];
      const unknownAge = (v.members ?? []).findIndex((m) => !m.birthDate && !registry.some((r) => r.id === m.id) && !previous.some((p) => p.id === m.id && p.birthDateSealed));
      if (unknownAge >= 0) throw AppError.because('VALIDATION_FAILED', 'memberBirthDateRequired', { row: unknownAge + 1 }, { field: `data.members.${unknownAge}.birthDate` });
      const stored = { ...v, ...(v.members ? { members: sealVerificationMembers(v.members, registry, cipher, previous) } : {}) };
      facts.verification = { ...stored, recordedOn: occurredOn, recordedBy: byName };
      return step({ type: 'recordVerification', consentSigned: v.consentSigned, memberCount }, stored);
    }
    case 'screenOut':
    case 'withdraw':
    case 'rejectAfterAssessment':
    case 'townshipReturn': {
      const { reason } = parseData(CASE_EVENT_DATA[type], masked);
      if (type === 'rejectAfterAssessment') return step({ type, reason, memberCount }, { reason }, { snapshot: { facts, ruleSetVersion: ruleSet.version } });
      return step({ type, reason }, { reason });
    }
    case 'recordPropertyCheck': {
      const p = parseData(CASE_EVENT_DATA.recordPropertyCheck, masked);
      const automatic = await automaticPropertyFindings(tx, c.householdId);
      const declared = facts.verification?.assets ?? null;
      const merged = mergeAssets(mergeAssets(automatic.assets, p.manualFindings ?? null), declared);
      facts.property = { automatic: automatic.assets, manual: p.manualFindings ?? null, merged, sources: automatic.sources, ...(p.notes ? { notes: p.notes } : {}), checkedOn: occurredOn };
      return step({ type: 'recordPropertyCheck', memberCount }, { manualFindings: p.manualFindings ?? null, automatic: automatic.sources, notes: p.notes ?? '' });
    }
    case 'recordDeliberation': {
      const d = parseData(DeliberationDataSchema.extend({ heldOn: entryDateSchema(() => today, 'notAfterToday') }), masked);
      const minutesRecorded = d.minutes.trim() !== '' || (await hasCaseAttachment(tx, c.id, 'minutes'));
      facts.deliberation = d;
      return step({ type: 'recordDeliberation', result: d.result, attendees: d.attendees, minutesRecorded, reason: d.reason }, d);
    }
    case 'raiseObjection': {
      const { note } = parseData(CASE_EVENT_DATA.raiseObjection, masked);
      if (!note.trim()) throw AppError.because('VALIDATION_FAILED', 'objectionNoteRequired', undefined, { field: 'data.note' });
      facts.objections = [...(facts.objections ?? []), { note, on: occurredOn, by: byName }];
      return step({ type: 'raiseObjection', note }, { note });
    }
    case 'countyDecide': {
      const d = parseData(CountyDecisionDataSchema.extend({ effectiveOn: entryDateSchema(() => today, 'withinAYear').optional() }), masked);
      const unknown = (d.riskTypes ?? []).filter((code) => !isRiskTypeCode(code));
      if (unknown.length) throw AppError.because('VALIDATION_FAILED', 'riskTypeUnknown', { codes: unknown.join(', ') }, { field: 'data.riskTypes' });
      return step({ type: 'countyDecide', decision: d.decision, category: d.category ?? null, riskTypes: (d.riskTypes ?? []).filter(isRiskTypeCode), reason: d.reason }, d, {
        snapshot: { facts, ruleSetVersion: ruleSet.version },
        effectiveOn: d.effectiveOn ?? occurredOn,
      });
    }
    case 'recordCallback': {
      const d = parseData(CASE_EVENT_DATA.recordCallback, masked);
      facts.callback = { ...d, on: occurredOn };
      return step({ type: 'recordCallback' }, d);
    }
    case 'recordAssistance': {
      const d = parseData(AssistanceDataSchema.extend({ on: entryDateSchema(() => today, 'notAfterToday') }), masked);
      // Not a move: the domain rule says whether this case and this role may record it now.
      const refusal = checkAssistance({ step: c.state.step, greenChannel: c.greenChannel }, actor.role);
      if (refusal) throw new AppError('WORKFLOW_REFUSED', refusal.message, { reason: refusal.reason, params: refusal.params });
      facts.assistance = [...(facts.assistance ?? []), { ...d, by: byName }];
      return step(null, d);
    }
  }
}
