import type { HouseholdRow, MemberRow } from './repo.ts';

/**
 * The stored form of a household or member in registry history: every field, with personal data
 * only as masked text, ciphertext and blind index (never plain). Diffing snapshots gives the change list.
 * Ciphertext is kept only where a value is being replaced (`before` of an update), so an old ID number
 * or phone is never lost; a `created`/`after` snapshot leaves it out, as the row itself holds it.
 */
export type SnapshotOptions = { withCiphertext: boolean };

export function householdSnapshot(h: Omit<HouseholdRow, 'id' | 'version' | 'countyCode'>, options: SnapshotOptions = { withCiphertext: true }): Record<string, unknown> {
  return {
    householdNumber: h.householdNumber,
    type: h.type,
    regionCode: h.regionCode,
    address: h.address,
    phone: h.phoneMasked,
    phoneIndex: h.phoneIndex?.toString('hex') ?? null,
    ...(options.withCiphertext ? { phoneEnc: h.phoneEnc?.toString('base64') ?? null } : {}),
  };
}

export function memberSnapshot(m: Omit<MemberRow, 'id' | 'version' | 'householdId' | 'countyCode'>, options: SnapshotOptions = { withCiphertext: true }): Record<string, unknown> {
  return {
    name: m.name,
    idNumber: m.idMasked,
    idIndex: m.idIndex.toString('hex'),
    ...(options.withCiphertext ? { idEnc: m.idEnc.toString('base64') } : {}),
    phone: m.phoneMasked,
    phoneIndex: m.phoneIndex?.toString('hex') ?? null,
    ...(options.withCiphertext ? { phoneEnc: m.phoneEnc?.toString('base64') ?? null } : {}),
    sex: m.sex,
    birthYear: m.birthYear,
    relation: m.relation,
    health: m.health,
    labourCapacity: m.labourCapacity,
    schooling: m.schooling,
    migrantMonths: m.migrantMonths,
    hasMedicalInsurance: m.hasMedicalInsurance,
    hasPensionInsurance: m.hasPensionInsurance,
    isDibao: m.isDibao,
    isTekun: m.isTekun,
  };
}

/** Fields compared through another field (ciphertext differs at every encryption; the index does not). */
const COMPARED_BY: Record<string, string> = { phone: 'phoneIndex', idNumber: 'idIndex' };
const HIDDEN = new Set(['phoneIndex', 'phoneEnc', 'idIndex', 'idEnc']);

/** The visible changes between two snapshots (personal values masked). */
export function diffSnapshots(before: Record<string, unknown> | null, after: Record<string, unknown> | null): { field: string; before: unknown; after: unknown }[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: { field: string; before: unknown; after: unknown }[] = [];
  for (const key of keys) {
    if (HIDDEN.has(key)) continue;
    const compareKey = COMPARED_BY[key] ?? key;
    const b = before?.[compareKey] ?? null;
    const a = after?.[compareKey] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field: key, before: before?.[key] ?? null, after: after?.[key] ?? null });
  }
  return changes;
}
