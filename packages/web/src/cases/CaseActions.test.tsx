// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import '../i18n';
import { jsonResponse, testPage } from '../test/test-page';
import './i18n';
import { CaseActions, orderedEvents } from './CaseActions';
import type { CaseDetail } from './types';

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
    greenChannel: false,
    version: 7,
    state: null,
    facts: null,
    decision: null,
    allowedEvents: ['townshipApprove', 'townshipReturn'],
    timeline: [],
    attachments: [],
    clock: { clueDate: '2026-11-20', dueOn: '2026-12-05', daysUsed: 9, daysLimit: 15, unit: 'calendar' },
    household: null,
    assessment: null,
    ...over,
  };
}

const render = (detail: CaseDetail) => page.render(<CaseActions detail={detail} today="2026-11-29" />);

async function submit() {
  await act(async () => {
    byTestId('case-submit')?.click();
    await new Promise((r) => setTimeout(r, 50));
  });
}

function problem(status: number, code: string, detail: string) {
  return vi.fn(async () => jsonResponse(status, { type: 'x', title: code, status, code, detail }));
}

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

  it('422: shows the workflow’s reason', async () => {
    vi.stubGlobal('fetch', problem(422, 'WORKFLOW_REFUSED', '公示期不少于 5 天，2026-12-04 起方可结束公示'));
    render(caseAt({ step: 'publicNotice', allowedEvents: ['endNotice'] }));
    await submit();
    expect(byTestId('case-refusal')?.textContent).toContain('公示期不少于 5 天，2026-12-04 起方可结束公示');
  });
});
