// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import '../i18n';
import { loadTexts } from '../i18n/resources';
import { jsonResponse, testPage } from '../test/test-page';
import { CaseActions, orderedEvents } from './CaseActions';
import type { CaseDetail } from './types';

// The router loads these catalogs before it shows the case page.
beforeAll(() => loadTexts('reasons', 'cases', 'monitoring'));

const page = testPage();
const { byTestId } = page;

function caseAt(over: Partial<CaseDetail>): CaseDetail {
  return {
    id: 'c1',
    caseNumber: '451028-2026-0001',
    channel: 'hotline',
    householdId: null,
    householdNumber: null,
    headName: '张百谋',
    regionCode: '451028100201',
    villageName: '刷把村',
    townshipName: '同乐镇',
    step: 'townshipReview',
    stepZh: '乡镇审核',
    clueDate: '2026-11-20',
    stepDueOn: null,
    dueOn: '2026-12-05',
    daysLeft: 6,
    isOverdue: false,
    isStepOverdue: false,
    greenChannel: false,
    version: 7,
    summary: '',
    riskTypes: ['01'],
    state: { kind: 'identification', step: 'townshipReview', clueDate: '2026-11-20', stepEnteredOn: '2026-11-28', consentSigned: true, noticeStartedOn: null, objections: 0, isGreenChannel: false, decision: null },
    facts: {},
    decision: null,
    assessmentIsPreview: false,
    propertyPreview: null,
    noticeDays: 7,
    noticeEndsOn: null,
    incomeWindow: { fromMonth: '2025-11', toMonth: '2026-10', months: 12, clueDate: '2026-11-20' },
    warning: null,
    clues: [],
    allowedEvents: ['townshipApprove', 'townshipReturn'],
    timeline: [],
    attachments: [],
    clock: { clueDate: '2026-11-20', dueOn: '2026-12-05', daysUsed: 9, daysLimit: 15, unit: 'calendar' },
    household: null,
    assessment: null,
    ...over,
  };
}

const render = (detail: CaseDetail, today = '2026-11-29') => page.render(<CaseActions detail={detail} today={today} />);

async function submit() {
  await act(async () => {
    byTestId('case-submit')?.click();
    await new Promise((r) => setTimeout(r, 50));
  });
}

function problem(status: number, code: string, detail: string, extra: object = {}) {
  return vi.fn(async () => jsonResponse(status, { type: 'x', title: code, status, code, detail, ...extra }));
}

function type(el: HTMLInputElement | null, value: string) {
  if (!el) throw new Error('no input');
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const input = (id: string) => byTestId<HTMLInputElement>(id);

/** A call of 2026-11-17 whose home check is entered on 2026-12-05, days after the visit: the 12 months that count end in 2026-10. */
const backdated = (over: Partial<CaseDetail> = {}) =>
  caseAt({
    step: 'homeVerification',
    clueDate: '2026-11-17',
    allowedEvents: ['recordVerification', 'screenOut'],
    incomeWindow: { fromMonth: '2025-11', toMonth: '2026-10', months: 12, clueDate: '2026-11-17' },
    household: {
      id: 'h1',
      householdNumber: '451028201201000001',
      headName: '黄小东',
      type: 'ordinary',
      size: 1,
      members: [{ id: 'm1', name: '黄小东', relation: 'head', sex: 'male', birthYear: 1994, labourCapacity: 'full', health: 'healthy', schooling: 'juniorHigh', migrantMonths: null, idMasked: '451028********9910' }],
    },
    ...over,
  });

describe('CaseActions', () => {
  it('orders the allowed events: the move forward first, withdrawal last', () => {
    expect(orderedEvents(['withdraw', 'screenOut', 'recordVerification'])).toEqual(['recordVerification', 'screenOut', 'withdraw']);
  });

  it('offers only the events the server allows this actor', () => {
    render(caseAt({}));
    expect(byTestId('case-action-townshipApprove')).not.toBeNull();
    expect(byTestId('case-action-townshipReturn')).not.toBeNull();
    expect(byTestId('case-action-withdraw')).toBeNull();
    expect(byTestId('case-action-countyDecide')).toBeNull();
  });

  it('says so when there is nothing to do', () => {
    render(caseAt({ allowedEvents: [], step: 'closed' }));
    expect(byTestId('case-no-actions')?.textContent).toBe('本案已办结。');
  });

  it('sends the version it showed, with the event', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, caseAt({ step: 'countyApproval', version: 8, allowedEvents: [] })));
    vi.stubGlobal('fetch', fetchMock);
    render(caseAt({}));
    await submit();
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/cases/c1/events');
    expect(JSON.parse(init.body as string)).toEqual({ type: 'townshipApprove', version: 7 });
  });

  it('409: tells the actor someone else handled the step', async () => {
    vi.stubGlobal('fetch', problem(409, 'CONFLICT', '该步骤已被他人处理 / changed'));
    render(caseAt({}));
    await submit();
    expect(document.body.textContent).toContain('该步骤已被他人处理，已刷新');
  });

  it('422: shows the workflow’s reason in the reader’s words, never the server’s English detail', async () => {
    const detail = 'The public notice runs at least 5 days; it may close from 2026-12-04';
    vi.stubGlobal('fetch', problem(422, 'WORKFLOW_REFUSED', detail, { reason: 'noticePeriodNotOver', params: { noticeDays: 5, endsOn: '2026-12-04' } }));
    render(caseAt({ step: 'publicNotice', allowedEvents: ['endNotice'] }));
    await submit();
    await page.waitFor(() => byTestId('case-refusal')?.textContent?.includes('公示期不少于 5 天，2026-12-04 起方可结束公示') === true, 'the refusal’s reason');
    expect(byTestId('case-refusal')?.textContent).not.toContain(detail);
  });

  describe('paper work entered days late (issue 11 items 1–3)', () => {
    it('the home check’s income rows start in the case’s income window, not in the month before today, and say which months count', () => {
      render(backdated(), '2026-12-05');
      type(input('case-occurred-on'), '2026-11-18');
      expect(input('verify-incomes-0-month')?.value).toBe('2026-10');
      expect(input('verify-incomes-0-month')?.max).toBe('2026-10');
      expect(byTestId('verify-income-window')?.textContent).toContain('2025-11 至 2026-10');
    });

    it('a row in a month outside the window is pointed out and nothing is sent', async () => {
      const fetchMock = vi.fn(async (_url: string) => jsonResponse(200, backdated()));
      vi.stubGlobal('fetch', fetchMock);
      render(backdated(), '2026-12-05');
      type(input('verify-incomes-0-amount'), '52000');
      type(input('verify-incomes-0-month'), '2026-11');
      await submit();
      await page.waitFor(() => document.body.textContent?.includes('不在收入计算期（2025-11 至 2026-10）内') === true, 'the row flagged');
      expect(fetchMock.mock.calls.filter(([url]) => String(url).endsWith('/events'))).toHaveLength(0);
    });

    it('认定日期 follows the day of the decision, not today', () => {
      render(caseAt({ step: 'countyApproval', allowedEvents: ['countyDecide'] }), '2026-12-05');
      expect(input('decision-effective-on')?.value).toBe('2026-12-05');
      type(input('case-occurred-on'), '2026-12-01');
      type(input('case-occurred-on'), '2026-11-30');
      expect(input('decision-effective-on')?.value).toBe('2026-11-30');
      // Set by hand, it stays.
      type(input('decision-effective-on'), '2026-12-01');
      type(input('case-occurred-on'), '2026-11-29');
      expect(input('decision-effective-on')?.value).toBe('2026-12-01');
    });

    it('the deliberation’s date follows the step’s date too', () => {
      render(caseAt({ step: 'villageDeliberation', allowedEvents: ['recordDeliberation'] }), '2026-12-05');
      type(input('case-occurred-on'), '2026-11-26');
      expect(input('deliberation-date')?.value).toBe('2026-11-26');
    });
  });

  describe('a case without a household (issue 11 item 2)', () => {
    it('offers to link or register the household first, and the home check says why it waits', () => {
      render(backdated({ household: null, allowedEvents: ['linkHousehold', 'recordVerification', 'screenOut'] }), '2026-12-05');
      expect(byTestId('link-needed')).not.toBeNull();
      expect(byTestId('link-search-input')).not.toBeNull();
      act(() => byTestId('case-action-recordVerification')?.click());
      expect(byTestId('verify-needs-household')?.textContent).toContain('尚未关联农户');
      expect(byTestId('verification-form')).toBeNull();
    });

    it('a refusal for a missing household reads in the reader’s words', async () => {
      vi.stubGlobal('fetch', problem(422, 'WORKFLOW_REFUSED', 'The case has no household yet', { reason: 'householdMissing' }));
      render(caseAt({ step: 'publicNotice', allowedEvents: ['endNotice'] }));
      await submit();
      await page.waitFor(() => byTestId('case-refusal')?.textContent?.includes('请先关联户籍系统中的农户，或登记新户及其家庭成员') === true, 'the refusal’s reason');
    });
  });
});
