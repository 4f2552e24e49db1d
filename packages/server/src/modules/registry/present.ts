import { can, fieldPolicyOf, freeTextFor, freeValueFor, healthFor, type Actor, type FieldPolicy, type MonitoringStatus } from '@fangpin/domain';
import type { RegionRow } from '../regions/repo.ts';
import type { HistoryRow, HouseholdRow, HouseholdSummaryRow, MemberRow } from './repo.ts';
import { diffSnapshots } from './snapshot.ts';

/**
 * Row → response shapes. The field policy of the actor's role (docs/personal-data.md) is applied
 * here: only masked ID numbers and phones, the birth year and never the date, health only for roles
 * that get it, free text with numbers masked for roles without the reveal right.
 */
export function presentSummary(row: HouseholdSummaryRow, policy: FieldPolicy, monitoringStatus: MonitoringStatus | null = null) {
  return {
    id: row.id,
    householdNumber: row.householdNumber,
    type: row.type,
    regionCode: row.regionCode,
    villageName: row.villageName ?? '',
    townshipName: row.townshipName ?? '',
    address: freeTextFor(policy, row.address),
    headName: row.headName ?? '',
    memberCount: row.memberCount,
    phoneMasked: row.phoneMasked,
    monitoringStatus,
  };
}

export function presentMember(m: MemberRow, policy: FieldPolicy) {
  return {
    id: m.id,
    name: m.name,
    sex: m.sex,
    birthYear: m.birthYear,
    idNumberMasked: m.idMasked,
    phoneMasked: m.phoneMasked,
    relation: m.relation,
    health: healthFor(policy, m.health),
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

export function presentHousehold(
  actor: Actor,
  h: HouseholdRow,
  members: MemberRow[],
  regionPath: RegionRow[],
  monitoring: { status: MonitoringStatus; category: string | null; riskTypes: string[]; identifiedOn: string | null } | null = null,
) {
  const policy = fieldPolicyOf(actor.role);
  return {
    id: h.id,
    householdNumber: h.householdNumber,
    type: h.type,
    regionCode: h.regionCode,
    regionPath: regionPath.map((r) => ({ code: r.code, name: r.name, level: r.level })),
    address: freeTextFor(policy, h.address),
    phoneMasked: h.phoneMasked,
    version: h.version,
    members: members.map((m) => presentMember(m, policy)),
    monitoring: monitoring ? { status: monitoring.status, category: monitoring.category, riskTypes: monitoring.riskTypes, identifiedOn: monitoring.identifiedOn } : null,
    abilities: {
      canReveal: can(actor, 'member.reveal', { regionCode: h.regionCode }),
      canEdit: can(actor, 'household.write', { regionCode: h.regionCode }),
      /** False when the role's field policy withholds health and disability (then `health` is null). */
      canSeeHealth: policy.healthDetail,
    },
  };
}

/** Snapshot fields that hold health detail, left out of the history for roles without it. */
const HEALTH_FIELDS = new Set(['health']);

export function presentHistory(rows: HistoryRow[], policy: FieldPolicy) {
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    effectiveOn: r.effectiveOn,
    actorName: r.actorName,
    actorDisplayName: r.actorDisplayName,
    action: r.action,
    source: r.source,
    memberId: r.memberId,
    subject: subjectOf(r.after) ?? subjectOf(r.before) ?? '',
    changes: diffSnapshots(r.before, r.after)
      .filter((c) => policy.healthDetail || !HEALTH_FIELDS.has(c.field))
      .map((c) => ({ field: c.field, before: freeValueFor(policy, c.before), after: freeValueFor(policy, c.after) })),
  }));
}

/** What a history entry is about: the member's name or the household number. */
function subjectOf(snapshot: Record<string, unknown> | null): string | undefined {
  const value = snapshot?.name ?? snapshot?.householdNumber;
  return typeof value === 'string' ? value : undefined;
}
