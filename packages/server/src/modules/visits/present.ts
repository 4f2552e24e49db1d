import { freeTextFor, type FieldPolicy, type VisitReport } from '@fangpin/domain';

/** A visit report as `policy` lets it out: what the visitor wrote, with numbers masked for roles without the reveal right. */
export function presentVisit(policy: FieldPolicy, v: VisitReport): VisitReport {
  return { ...v, observed: freeTextFor(policy, v.observed), reviewNote: freeTextFor(policy, v.reviewNote) };
}
