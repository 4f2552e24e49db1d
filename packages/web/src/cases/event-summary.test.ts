import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { attachmentsOfEntry, findingLines, latestVerificationData, propertyFindings, verificationValuesFrom } from './case-facts';
import { summarizeEvent } from './event-summary';
import type { CaseAttachment, CaseDetail, TimelineEntry } from './types';

/** A `t` that shows the key and its values, so the tests read what would be shown. */
const t = ((key: string, options?: Record<string, unknown>) => {
  const values = Object.entries(options ?? {})
    .filter(([k]) => k !== 'defaultValue')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');
  return values ? `${key}(${values})` : key;
}) as unknown as TFunction;

const verification = {
  consentSigned: true,
  members: [
    { id: 'a', labourCapacity: 'full' },
    { id: 'b', labourCapacity: 'full' },
    { id: 'c', labourCapacity: 'notApplicable' },
  ],
  incomes: [
    { component: 'operating', amount: 42000, month: '2026-06' },
    { component: 'wage', amount: 18000, month: '2026-06' },
  ],
  compliantOutOfPocket: [{ kind: 'medical', amount: 9800, month: '2026-10' }],
  assets: {
    vehicles: [{ kind: 'van', description: '五菱' }],
    businessLicences: [{ name: '营业执照' }],
    urbanCommercialHousing: [],
    hiresLabour: false,
    largeScaleFarming: false,
  },
  problems: { drinkingWater: true, housingSafety: false },
  suddenEvents: [{ kind: 'fire', date: '2026-07-14', lossAmount: 80000 }],
};

function entry(type: TimelineEntry['type'], data: Record<string, unknown>): TimelineEntry {
  return { seq: 1, type, typeZh: type, fromStep: 'homeVerification', toStep: 'propertyCheck', onDate: '2026-11-29', at: '', actorName: 'x', actorDisplayName: null, actorRole: 'village-cadre', comment: '', data, ruleSetVersion: null };
}

describe('timeline summaries', () => {
  it('home verification: members and labour, income, medical, assets, problems, sudden events, consent', () => {
    expect(summarizeEvent(t, 'recordVerification', verification)).toEqual([
      'cases.summary.members(count=3,labour=2)',
      'cases.summary.income(amount=60,000)',
      'cases.summary.medical(amount=9,800)',
      'cases.summary.vehicles(list=cases.vehicle.van)',
      'cases.summary.licences(count=1)',
      'cases.summary.problems(list=cases.problem.drinkingWater)',
      'cases.summary.sudden(kind=cases.suddenKind.fire,date=2026-07-14,amount=80,000)',
      'cases.summary.consent',
    ]);
  });

  it('county decision, callback, objection, reasons; nothing for unknown data', () => {
    expect(summarizeEvent(t, 'countyDecide', { decision: 'approved', category: 'sudden', riskTypes: ['05'], effectiveOn: '2026-11-29' })).toEqual([
      'cases.summary.decisionApproved(category=cases.category.sudden,risks=codes.riskType.05)',
      'cases.decision.effectiveOn 2026-11-29',
    ]);
    expect(summarizeEvent(t, 'countyDecide', { decision: 'rejected', reason: '有面包车' })).toEqual(['cases.summary.decisionRejected(reason=有面包车)']);
    expect(summarizeEvent(t, 'recordCallback', { result: '已告知', objection: false })).toEqual([
      'cases.summary.callback(result=已告知,objection=cases.callback.no)',
    ]);
    expect(summarizeEvent(t, 'raiseObjection', { note: '另有货车' })).toEqual(['cases.summary.note(note=另有货车)']);
    expect(summarizeEvent(t, 'withdraw', { reason: '重复线索' })).toEqual(['cases.summary.reason(reason=重复线索)']);
    expect(summarizeEvent(t, 'startVerification', {})).toEqual([]);
    expect(summarizeEvent(t, 'recordVerification', null)).toEqual([]);
  });
});

describe('reading earlier steps', () => {
  const detail = {
    id: 'case-1',
    householdId: 'hh-1',
    regionCode: '451028201201',
    clueDate: '2026-11-27',
    household: { id: 'hh-1', householdNumber: 'n', headName: 'h', type: 'ordinary', size: 3, members: [] },
    facts: {
      property: {
        automatic: { vehicles: [{ kind: 'truck' }], businessLicences: [], urbanCommercialHousing: [], hiresLabour: false, largeScaleFarming: false },
        merged: { vehicles: [{ kind: 'truck' }, { kind: 'van' }], businessLicences: [], urbanCommercialHousing: [], hiresLabour: false, largeScaleFarming: false },
      },
      verification,
    },
    timeline: [entry('recordVerification', { ...verification, members: [] }), entry('recordVerification', verification)],
  } as unknown as CaseDetail;

  it('finds the latest verification and the automatic findings', () => {
    expect(latestVerificationData(detail)).toBe(verification);
    expect(findingLines(t, propertyFindings(detail))).toEqual(['cases.vehicle.truck']);
    expect(findingLines(t, null)).toBeNull();
  });

  it('prefills a re-verification from the last one', () => {
    const values = verificationValuesFrom(latestVerificationData(detail), [], '2026-11-29');
    expect(values.incomes).toHaveLength(2);
    expect(values.vehicles).toEqual([{ kind: 'van', description: '五菱' }]);
    expect(values.problems).toEqual(['drinkingWater']);
    expect(values.suddenEvents[0]).toMatchObject({ kind: 'fire', lossAmount: 80000 });
    expect(values.consentSigned).toBe(true);
  });
});

describe('attachments of a timeline entry', () => {
  const at = (h: number) => `2026-11-29T0${h}:00:00.000Z`;
  const file = (id: string, purpose: CaseAttachment['purpose'], h: number) => ({ id, purpose, fileName: `${id}.png`, mimeType: 'image/png', size: 1, uploadedBy: 'x', createdAt: at(h), url: `/f/${id}` });
  const first = { ...entry('recordVerification', {}), seq: 2, at: at(2) };
  const second = { ...entry('recordVerification', {}), seq: 5, at: at(6) };
  const deliberation = { ...entry('recordDeliberation', {}), seq: 3, at: at(4) };
  const timeline = [first, deliberation, second];
  const files = [file('c1', 'consent', 1), file('m1', 'minutes', 3), file('c2', 'consent', 5), file('late', 'consent', 7)];

  it('gives each verification its own consent scan and the deliberation its minutes', () => {
    expect(attachmentsOfEntry(timeline, first, files).map((a) => a.id)).toEqual(['c1']);
    expect(attachmentsOfEntry(timeline, second, files).map((a) => a.id)).toEqual(['c2']);
    expect(attachmentsOfEntry(timeline, deliberation, files).map((a) => a.id)).toEqual(['m1']);
    expect(attachmentsOfEntry(timeline, entry('startVerification', {}), files)).toEqual([]);
  });
});

describe('issue 11: a linked household and a visit report’s photos on the timeline', () => {
  it('says which household was linked or registered', () => {
    expect(summarizeEvent(t, 'linkHousehold', { headName: '韦德明', householdNumber: '451028201201900001', memberCount: 2, registered: true })).toEqual([
      'cases.summary.registered(head=韦德明,number=451028201201900001,count=2)',
    ]);
    expect(summarizeEvent(t, 'linkHousehold', { headName: '蓝秀英', householdNumber: '451028201201000412', memberCount: 3, registered: false })[0]).toMatch(/^cases\.summary\.linked/);
  });

  it('shows the visit’s photo on the clue’s entry, and not as a scan of a later step', () => {
    const origin = { kind: 'visit' as const, visitReportId: 'v1', visitedOn: '2026-11-20', visitorName: '网格员' };
    const photo = { id: 'p1', purpose: 'photo' as const, fileName: 'fire.png', mimeType: 'image/png', size: 1, uploadedBy: 'x', createdAt: '2026-11-20T01:00:00.000Z', url: '/f/p1', origin };
    const clue = { ...entry('registerClue', {}), seq: 1, at: '2026-11-21T01:00:00.000Z' };
    expect(attachmentsOfEntry([clue], clue, [photo])).toEqual([photo]);
    expect(attachmentsOfEntry([clue], { ...entry('raiseObjection', {}), seq: 2, at: '2026-11-30T01:00:00.000Z' }, [{ ...photo, purpose: 'notice' }])).toEqual([]);
  });
});
