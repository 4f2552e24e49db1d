// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import '../i18n';
import { loadTexts } from '../i18n/resources';
import { jsonResponse, testPage } from '../test/test-page';
import { HotlineDeskPage } from './HotlineDeskPage';

// The router loads these catalogs before it shows the page.
beforeAll(() => loadTexts('reasons', 'hotline'));

const page = testPage();
const { byTestId, waitFor } = page;

const ME = {
  id: 'u1',
  username: 'monitor',
  displayName: '李新旺',
  role: 'county-monitor',
  roleLabel: { zh: '县防贫中心监测员', en: 'County centre monitor' },
  regionCode: '451028000000',
  regionName: '乐业县',
  abilities: { canRecordHotline: true, canRecordVisits: true, canReviewVisits: true },
};
const TREE = {
  code: '451028000000',
  name: '乐业县',
  level: 'county',
  children: [
    {
      code: '451028201000',
      name: '逻西乡',
      level: 'township',
      children: [{ code: '451028201201', name: '马庄村', level: 'village', children: [] }],
    },
  ],
};
const CALL = {
  id: 'c2',
  calledAt: '2026-11-29T02:00:00.000Z',
  callerName: '韦秀梅',
  callerPhoneMasked: '139****1201',
  regionCode: '451028201201',
  villageName: '马庄村',
  townshipName: '逻西乡',
  householdId: null,
  householdNumber: null,
  content: '再次来电询问核实进度',
  policyExplained: '',
  result: 'dispatched',
  handlerName: '李新旺',
  clueId: 'clue-1',
  caseId: 'case-1',
  caseStep: 'homeVerification',
  verificationResult: '',
  callbackDueOn: null,
  callbackAt: null,
  callbackNote: null,
  objection: null,
  status: 'open',
  remarks: '重复来电，已并入原线索',
};

function stubServer() {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') return jsonResponse(200, { user: ME });
    if (url.startsWith('/api/regions/tree')) return jsonResponse(200, TREE);
    // The same caller reported this village before: that case is still open.
    if (url === '/api/hotline-calls/open-case') {
      const body = JSON.parse(init?.body as string) as { regionCode?: string; callerPhone?: string };
      return jsonResponse(200, {
        openCase:
          body.regionCode && body.callerPhone
            ? {
                caseId: 'case-1',
                caseNumber: '451028-2026-0003',
                step: 'homeVerification',
                stepZh: '入户核实（签署承诺授权书）',
                clueDate: '2026-11-20',
                dueOn: '2026-12-05',
                matchedBy: 'caller',
              }
            : null,
      });
    }
    if (url === '/api/hotline-calls' && init?.method === 'POST')
      return jsonResponse(201, { call: CALL, clueId: 'clue-1', caseId: 'case-1', linkedToExistingClue: true });
    if (url.startsWith('/api/hotline-calls')) return jsonResponse(200, { items: [], total: 0 });
    if (url.startsWith('/api/households')) return jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 10 });
    return jsonResponse(404, { code: 'NOT_FOUND' });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const render = () => page.render(<HotlineDeskPage />, '/hotline');

const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => document.getElementById(id) as T | null;
function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  act(() => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function press(el: HTMLElement, key: string, init: KeyboardEventInit = {}) {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

describe('HotlineDeskPage', () => {
  it('walks the fields with Enter, warns of the open case before saving, saves with Ctrl+Enter, and says the call joined it', async () => {
    const fetchMock = stubServer();
    render();
    await waitFor(() => byId('hotline_callerName') !== null, 'the form');
    await waitFor(
      () => fetchMock.mock.calls.some(([url]) => String(url).startsWith('/api/regions/tree')),
      'the villages',
    );

    const name = byId('hotline_callerName')!;
    type(name, '韦秀梅');
    press(name, 'Enter');
    expect(document.activeElement).toBe(byId('hotline_callerPhone'));

    type(byId('hotline_callerPhone')!, '13907761201');
    const village = byId('hotline_regionCode')!;
    act(() => village.focus());
    act(() => {
      village.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    });
    type(village, '马庄');
    await waitFor(() => document.querySelector('.ant-select-item-option') !== null, 'the village option');
    act(() => (document.querySelector('.ant-select-item-option') as HTMLElement).click());

    // Before saving, the desk says the call will join the open case (and which).
    await waitFor(() => byTestId('desk-open-case') !== null, 'the open case, before saving');
    expect(byTestId('desk-open-case')!.textContent).toContain('451028-2026-0003');
    expect(byTestId('desk-open-case')!.textContent).toContain('并入该案件');
    expect(byTestId('desk-open-case-link')!.getAttribute('href')).toBe('/cases/case-1');
    expect(fetchMock.mock.calls.some(([url, init]) => url === '/api/hotline-calls' && init?.method === 'POST')).toBe(
      false,
    );
    const asked = fetchMock.mock.calls.find(([url]) => url === '/api/hotline-calls/open-case');
    expect(JSON.parse(asked![1]!.body as string)).toEqual({
      householdId: null,
      regionCode: '451028201201',
      callerPhone: '13907761201',
    });

    type(byId<HTMLTextAreaElement>('hotline_content')!, '再次来电询问核实进度');
    act(() => byTestId('desk-result-dispatched')!.click());
    press(byId('hotline_remarks')!, 'Enter', { ctrlKey: true });

    await waitFor(() => byTestId('desk-saved') !== null, 'the saved notice');
    expect(byTestId('desk-saved')!.getAttribute('data-linked')).toBe('true');
    expect(byTestId('desk-linked')!.textContent).toContain('已归入该线索');
    expect(byTestId('desk-case-link')!.getAttribute('href')).toBe('/cases/case-1');

    const post = fetchMock.mock.calls.find(([url, init]) => url === '/api/hotline-calls' && init?.method === 'POST');
    expect(JSON.parse(post![1]!.body as string)).toEqual({
      callerName: '韦秀梅',
      callerPhone: '13907761201',
      regionCode: '451028201201',
      householdId: null,
      content: '再次来电询问核实进度',
      result: 'dispatched',
    });
    // Cleared for the next call.
    expect(byId('hotline_callerName')!.value).toBe('');
    await waitFor(() => document.activeElement === byId('hotline_callerName'), 'the focus back on the caller name');
  }, 20_000);
});
