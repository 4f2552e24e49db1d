import {
  CODE_LISTS,
  check,
  countyCodeOf,
  ID_PROBLEM_CODES,
  idProblemMessage,
  isInScope,
  maskIdNumber,
  maskPhone,
  nextHouseholdNumber,
  parseIdNumber,
  scopeOf,
  type Actor,
} from '@fangpin/domain';
import { z } from 'zod';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { isPhone, normalizePhone } from './phone.ts';
import { findRegisteredPersons, highestLocalHouseholdNumberInVillage, insertHistory, insertHouseholds, insertMembers, type SealedMember } from './repo.ts';
import { householdSnapshot, memberSnapshot } from './snapshot.ts';

const codes = <L extends keyof typeof CODE_LISTS>(list: L) => z.enum(Object.keys(CODE_LISTS[list]) as [string, ...string[]]);

/** A member of a household registered by hand: who, ID number (sex and birth year come from it; the full date stays inside the encrypted ID number), relation, health, labour, schooling. */
export const NewMemberSchema = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(50),
  idNumber: z.string().trim().min(1, '请填写身份证号').max(30),
  relation: codes('relation'),
  health: codes('health').nullable().optional(),
  labourCapacity: codes('labourCapacity').nullable().optional(),
  schooling: codes('schooling').nullable().optional(),
  phone: z.string().trim().max(30).optional(),
});

/** A household not yet in the registry, as a village cadre or the county registers it (户类型, 住址, 电话, members). */
export const NewHouseholdSchema = z.object({
  type: z.enum(['ordinary', 'formerlyPoor']).default('ordinary'),
  address: z.string().trim().max(200).default(''),
  phone: z.string().trim().max(30).optional(),
  members: z.array(NewMemberSchema).min(1, '至少登记一名家庭成员').max(30),
});
export type NewHouseholdInput = z.output<typeof NewHouseholdSchema>;

export type RegisteredHousehold = { id: string; householdNumber: string; regionCode: string; headName: string; memberIds: string[] };

/** LEAN history snapshots: the row holds the ciphertext of a new value. */
const LEAN = { withCiphertext: false };

/**
 * Registers a household that is not in the registry yet, with its members, in the caller's
 * transaction (a self-application or a hotline call about a family the registry does not know;
 * issue 11 item 2). Through the registry's own write path: the same inserts as a registry import,
 * `household.created` / `member.created` history under `source`, one audit row. The household gets
 * the next local household number of its village (`nextHouseholdNumber`: village code + 9xxxxx, a
 * block a national import never uses); each member's ID number is
 * checked (GB 11643) and must not be registered already — a person belongs to one household, so
 * an existing one is named for linking instead. `fieldPrefix` places errors in the caller's body.
 */
export async function registerHouseholdInTx(
  tx: Tx,
  deps: { cipher: PersonalDataCipher; today: string },
  actor: Actor,
  villageCode: string,
  input: NewHouseholdInput,
  meta: { source: string; fieldPrefix?: string },
): Promise<RegisteredHousehold> {
  const at = (field: string) => `${meta.fieldPrefix ?? ''}${field}`;
  if (!isInScope(scopeOf(actor), villageCode) || !check(actor, 'household.write', { regionCode: villageCode }).ok)
    throw new AppError('FORBIDDEN', 'Your role may not register households here');
  const heads = input.members.filter((m) => m.relation === 'head').length;
  if (heads !== 1)
    throw AppError.because('VALIDATION_FAILED', 'headCountWrong', { found: heads }, { field: at('members') });

  const members = input.members.map((m, i) => {
    const id = parseIdNumber(m.idNumber, { today: deps.today });
    if (!id.ok)
      throw new AppError('VALIDATION_FAILED', `member ${i + 1}: ${idProblemMessage(id.problem, 'en')}`, { field: at(`members.${i}.idNumber`), reason: 'memberIdInvalid', params: { member: i + 1, name: m.name, code: ID_PROBLEM_CODES[id.problem] } });
    const phone = m.phone ? normalizePhone(m.phone) : '';
    if (phone && !isPhone(phone)) throw AppError.because('VALIDATION_FAILED', 'memberPhoneInvalid', { member: i + 1 }, { field: at(`members.${i}.phone`) });
    return { ...m, idNumber: id.value, sex: id.sex, birthYear: Number(id.birthDate.slice(0, 4)), idIndex: deps.cipher.blindIndex(id.value), phone };
  });
  const seen = new Map<string, number>();
  members.forEach((m, i) => {
    const first = seen.get(m.idNumber);
    if (first !== undefined) throw AppError.because('VALIDATION_FAILED', 'memberIdRepeated', { member: i + 1, first: first + 1 }, { field: at(`members.${i}.idNumber`) });
    seen.set(m.idNumber, i);
  });
  const registered = await findRegisteredPersons(tx, members.map((m) => m.idIndex));
  for (const r of registered) {
    const i = members.findIndex((m) => m.idIndex.equals(r.idIndex));
    const isVisible = isInScope(scopeOf(actor), r.regionCode);
    throw new AppError('VALIDATION_FAILED', `member ${i + 1} is already registered in another household`, {
      field: at(`members.${i}.idNumber`),
      ...(isVisible
        ? { reason: 'personRegistered', params: { member: i + 1, name: members[i]?.name ?? '', householdNumber: r.householdNumber } }
        : { reason: 'personRegisteredElsewhere', params: { member: i + 1, name: members[i]?.name ?? '' } }),
      extra: { householdNumber: isVisible ? r.householdNumber : null },
    });
  }
  const householdPhone = normalizePhone(input.phone ?? '') || members.find((m) => m.phone)?.phone || '';
  if (householdPhone && !isPhone(householdPhone)) throw AppError.because('VALIDATION_FAILED', 'phoneInvalid', undefined, { field: at('phone') });

  // One number at a time per village: two registrations at once must not draw the same sequence.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`household-number:${villageCode.slice(0, 12)}`]);
  const householdNumber = nextHouseholdNumber(villageCode, await highestLocalHouseholdNumberInVillage(tx, villageCode));
  const countyCode = countyCodeOf(villageCode);
  const household = {
    countyCode,
    regionCode: villageCode,
    householdNumber,
    type: input.type,
    address: input.address,
    phoneEnc: householdPhone ? deps.cipher.encrypt(householdPhone) : null,
    phoneIndex: householdPhone ? deps.cipher.blindIndex(householdPhone) : null,
    phoneMasked: householdPhone ? maskPhone(householdPhone) : '',
  };
  const [created] = await insertHouseholds(tx, [household]);
  const householdId = created!.id;
  const sealed: SealedMember[] = members.map((m) => ({
    householdId,
    countyCode,
    name: m.name,
    idEnc: deps.cipher.encrypt(m.idNumber),
    idIndex: m.idIndex,
    idMasked: maskIdNumber(m.idNumber),
    phoneEnc: m.phone ? deps.cipher.encrypt(m.phone) : null,
    phoneIndex: m.phone ? deps.cipher.blindIndex(m.phone) : null,
    phoneMasked: m.phone ? maskPhone(m.phone) : '',
    sex: m.sex,
    birthYear: m.birthYear,
    relation: m.relation,
    health: m.health ?? null,
    labourCapacity: m.labourCapacity ?? null,
    schooling: m.schooling ?? null,
    migrantMonths: null,
    hasMedicalInsurance: null,
    hasPensionInsurance: null,
    isDibao: null,
    isTekun: null,
  }));
  const memberIds = await insertMembers(tx, sealed);
  const who = { actorId: actor.userId, actorName: actor.username, source: meta.source, countyCode, householdId };
  await insertHistory(tx, [
    { ...who, memberId: null, action: 'household.created', before: null, after: householdSnapshot(household, LEAN) },
    ...sealed.map((m, i) => ({ ...who, memberId: memberIds[i]!, action: 'member.created', before: null, after: memberSnapshot(m, LEAN) })),
  ]);
  await recordAudit(tx, actor, 'household.registered', { type: 'household', id: householdId, regionCode: villageCode }, {
    after: { householdNumber, type: input.type, members: sealed.map((m) => ({ name: m.name, idNumber: m.idMasked, relation: m.relation })) },
    details: { source: meta.source },
  });
  return { id: householdId, householdNumber, regionCode: villageCode, headName: members.find((m) => m.relation === 'head')!.name, memberIds };
}
