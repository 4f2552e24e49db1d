import { describe, expect, it } from 'vitest';
import { attachmentAccess } from './attachment-access.ts';
import type { Role } from './roles.ts';

const actor = (role: Role) => ({ userId: 'u', username: 'u', role, regionCode: '451028' });
const owner = (kind: string, extra: { visitOnCase?: boolean; householdId?: string | null; caseKind?: string } = {}) => ({
  kind,
  visitOnCase: extra.visitOnCase ?? false,
  householdId: extra.householdId ?? null,
  ...(extra.caseKind ? { caseKind: extra.caseKind } : {}),
});

describe('attachmentAccess', () => {
  it('hides every file from a department clerk (who sees no persons)', () => {
    for (const kind of ['case', 'visit', 'measure', 'helperVisit']) expect(attachmentAccess(actor('department'), owner(kind))).toEqual({ ok: false, status: 'hidden' });
  });
  it("a case's files: those who read cases; a helping cadre is told it may not", () => {
    expect(attachmentAccess(actor('leader'), owner('case'))).toEqual({ ok: true, assignedOnly: false });
    expect(attachmentAccess(actor('helping-cadre'), owner('case'))).toEqual({ ok: false, status: 'forbidden', reason: 'mayNotReadCases' });
  });
  it("a visit report's photos: who files or reviews visits, and case readers once the visit opened a case", () => {
    expect(attachmentAccess(actor('leader'), owner('visit'))).toMatchObject({ ok: false, reason: 'mayNotReadVisitFiles' });
    expect(attachmentAccess(actor('leader'), owner('visit', { visitOnCase: true }))).toMatchObject({ ok: true });
    expect(attachmentAccess(actor('village-cadre'), owner('visit'))).toMatchObject({ ok: true });
  });
  it("a measure's evidence: a helping cadre only for a household assigned to them", () => {
    expect(attachmentAccess(actor('helping-cadre'), owner('measure', { householdId: 'h' }))).toEqual({ ok: true, assignedOnly: true });
    expect(attachmentAccess(actor('township-officer'), owner('measure', { householdId: 'h' }))).toEqual({ ok: true, assignedOnly: false });
  });
  it("a risk-elimination case's files go with its household: a helping cadre reads those of its assigned households", () => {
    const elimination = owner('case', { householdId: 'h', caseKind: 'elimination' });
    expect(attachmentAccess(actor('helping-cadre'), elimination)).toEqual({ ok: true, assignedOnly: true });
    expect(attachmentAccess(actor('leader'), elimination)).toEqual({ ok: true, assignedOnly: false });
    expect(attachmentAccess(actor('department'), elimination)).toEqual({ ok: false, status: 'hidden' });
    // An identification case's scans stay the case readers' own.
    expect(attachmentAccess(actor('helping-cadre'), owner('case', { householdId: null, caseKind: 'identification' }))).toMatchObject({ ok: false, reason: 'mayNotReadCases' });
  });
});
