import { check, scopeOf, type Actor } from '@fangpin/domain';
import type { AppDeps } from '../../context.ts';
import { withTransaction, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { refreshCoverage } from '../monitoring/refresh-coverage.ts';
import { findMember, insertHistory, type MemberRow } from './repo.ts';
import { memberSnapshot } from './snapshot.ts';

export type UpdateMemberInput = {
  version: number;
  name?: string | undefined;
  relation?: string | undefined;
  health?: string | null | undefined;
  labourCapacity?: string | null | undefined;
  schooling?: string | null | undefined;
  migrantMonths?: number | null | undefined;
  hasMedicalInsurance?: boolean | null | undefined;
  hasPensionInsurance?: boolean | null | undefined;
  isDibao?: boolean | null | undefined;
  isTekun?: boolean | null | undefined;
};

/** The member fields a change may set (every field of {@link UpdateMemberInput} but the version). */
export type MemberChanges = Omit<UpdateMemberInput, 'version'>;

const EDITABLE = ['name', 'relation', 'health', 'labourCapacity', 'schooling', 'migrantMonths', 'hasMedicalInsurance', 'hasPensionInsurance', 'isDibao', 'isTekun'] as const;
const COLUMN: Record<(typeof EDITABLE)[number], string> = {
  name: 'name',
  relation: 'relation',
  health: 'health',
  labourCapacity: 'labour_capacity',
  schooling: 'schooling',
  migrantMonths: 'migrant_months',
  hasMedicalInsurance: 'has_medical_insurance',
  hasPensionInsurance: 'has_pension_insurance',
  isDibao: 'is_dibao',
  isTekun: 'is_tekun',
};

/** Edits a member's registry fields (not the ID number: that is a correction through a registry import). */
export async function updateMember(deps: AppDeps, actor: Actor, memberId: string, input: UpdateMemberInput) {
  return withTransaction(deps.pool, async (tx) => {
    const before = await findMember(tx, scopeOf(actor), memberId, { forUpdate: true });
    if (!before) throw new AppError('NOT_FOUND', 'Member not found');
    if (!check(actor, 'household.write', { regionCode: before.regionCode }).ok) {
      throw new AppError('FORBIDDEN', 'Your role may not change households');
    }
    if (before.version !== input.version) {
      throw new AppError('CONFLICT', 'This member was changed by someone else; reload and try again', { extra: { currentVersion: before.version } });
    }
    const { version, isChanged } = await changeMemberInTx(tx, actor, before, input, { source: 'api' });
    return { version, isChanged };
  });
}

/**
 * The registry's one write path for a member's fields, inside the caller's transaction: the row
 * (locked by the caller) is updated where a value really changes, its version bumped, the change
 * kept in registry history (`source`: 'api', 'case:<caseNumber>' …; `effectiveOn` when the change
 * took effect on another day than today) and audited. Used by the member edit and by the county
 * decision of a case writing the verified facts back (issue 11 item 3).
 */
export async function changeMemberInTx(
  tx: Tx,
  actor: AuditActor,
  before: MemberRow & { regionCode: string },
  changes: MemberChanges,
  meta: { source: string; effectiveOn?: string | null },
): Promise<{ version: number; isChanged: boolean; changed: string[] }> {
  const after: MemberRow = { ...before };
  const sets: string[] = [];
  const changed: string[] = [];
  const params: unknown[] = [before.id];
  for (const key of EDITABLE) {
    const value = changes[key];
    if (value === undefined || value === before[key]) continue;
    (after as Record<string, unknown>)[key] = value;
    params.push(value);
    sets.push(`${COLUMN[key]} = $${params.length}`);
    changed.push(key);
  }
  if (sets.length === 0) return { version: before.version, isChanged: false, changed };
  const { rows } = await tx.query<{ version: number }>(
    `UPDATE members SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
    params,
  );
  const snapBefore = memberSnapshot(before);
  const snapAfter = memberSnapshot(after, { withCiphertext: false });
  // Labour capacity decides two coverage rules (因务工就业不稳, 缺劳动力): a monitoring object is re-checked.
  if (after.labourCapacity !== before.labourCapacity) await refreshCoverage(tx, [before.householdId]);
  await insertHistory(tx, [
    { countyCode: before.countyCode, householdId: before.householdId, memberId: before.id, action: 'member.updated', actorId: actor.userId, actorName: actor.username, source: meta.source, before: snapBefore, after: snapAfter, effectiveOn: meta.effectiveOn ?? null },
  ]);
  await recordAudit(tx, actor, 'member.updated', { type: 'member', id: before.id, regionCode: before.regionCode }, {
    before: Object.fromEntries(EDITABLE.map((k) => [k, before[k]])),
    after: Object.fromEntries(EDITABLE.map((k) => [k, after[k]])),
    ...(meta.source !== 'api' ? { details: { source: meta.source, effectiveOn: meta.effectiveOn ?? null } } : {}),
  });
  return { version: rows[0]!.version, isChanged: true, changed };
}
