import { can, type Actor } from '@fangpin/domain';
import type { RegionRow } from '../regions/repo.ts';
import type { HistoryRow, HouseholdRow, HouseholdSummaryRow, MemberRow } from './repo.ts';
import { diffSnapshots } from './snapshot.ts';

/** Row → response shapes. Masking is applied here: only masked forms ever leave through these. */
export function presentSummary(row: HouseholdSummaryRow) {
  return {
    id: row.id,
    householdNumber: row.householdNumber,
    type: row.type,
    regionCode: row.regionCode,
    villageName: row.villageName ?? '',
    townshipName: row.townshipName ?? '',
    address: row.address,
    headName: row.headName ?? '',
    memberCount: row.memberCount,
    phoneMasked: row.phoneMasked,
  };
}

export function presentMember(m: MemberRow) {
  return {
    id: m.id,
    name: m.name,
    sex: m.sex,
    birthDate: m.birthDate,
    idNumberMasked: m.idMasked,
    phoneMasked: m.phoneMasked,
    relation: m.relation,
    health: m.health,
    labourCapacity: m.labourCapacity,
    schooling: m.schooling,
    migrantMonths: m.migrantMonths,
    hasMedicalInsurance: m.hasMedicalInsurance,
    hasPensionInsurance: m.hasPensionInsurance,
    isDibao: m.isDibao,
    isTekun: m.isTekun,
    version: m.version,
  };
}

export function presentHousehold(actor: Actor, h: HouseholdRow, members: MemberRow[], regionPath: RegionRow[]) {
  return {
    id: h.id,
    householdNumber: h.householdNumber,
    type: h.type,
    regionCode: h.regionCode,
    regionPath: regionPath.map((r) => ({ code: r.code, name: r.name, level: r.level })),
    address: h.address,
    phoneMasked: h.phoneMasked,
    version: h.version,
    members: members.map(presentMember),
    abilities: {
      canReveal: can(actor, 'member.reveal', { regionCode: h.regionCode }),
      canEdit: can(actor, 'household.write', { regionCode: h.regionCode }),
    },
  };
}

export function presentHistory(rows: HistoryRow[]) {
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    effectiveOn: r.effectiveOn,
    actorName: r.actorName,
    action: r.action,
    source: r.source,
    memberId: r.memberId,
    subject: subjectOf(r.after) ?? subjectOf(r.before) ?? '',
    changes: diffSnapshots(r.before, r.after),
  }));
}

/** What a history entry is about: the member's name or the household number. */
function subjectOf(snapshot: Record<string, unknown> | null): string | undefined {
  const value = snapshot?.name ?? snapshot?.householdNumber;
  return typeof value === 'string' ? value : undefined;
}
