// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { loadTexts } from '../i18n/resources';
import { jsonResponse, testPage } from '../test/test-page';
import { CaseClues, clueLink } from './CaseClues';
import type { CaseDetail } from './types';

// The router loads these catalogs before it shows the case page.
beforeAll(() => loadTexts('reasons', 'cases', 'monitoring'));
afterEach(() => i18n.changeLanguage('zh-CN'));

const page = testPage();
const items = () => [...document.querySelectorAll<HTMLElement>('[data-testid="case-clue"]')];

/**
 * A case the HR bureau's warning opened and a cadre's visit joined; the warning's verification was
 * later corrected, so its clue is withdrawn and the case goes on on the visit (as the server sends it).
 */
const clues: CaseDetail['clues'] = [
  {
    id: 'cl-w', channel: 'warning', status: 'withdrawn', withdrawn: true, isFirst: true, aroseOn: '2026-11-22', riskTypes: ['07'],
    warning: { id: 'w1', sources: ['humanResources'], riskType: '07', status: 'noRisk' }, visit: null, call: null, application: null,
  },
  {
    id: 'cl-v', channel: 'visit', status: 'case', withdrawn: false, isFirst: false, aroseOn: '2026-11-24', riskTypes: ['07'],
    warning: null, visit: { id: 'v1', visitorName: '龙学' }, call: null, application: null,
  },
];
// The list reads the case's clues and household only.
const detail = { householdId: 'h1', clues } as Pick<CaseDetail, 'householdId' | 'clues'> as CaseDetail;

function render() {
  vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(200, { items: [{ code: 'humanResources', zh: '人力资源和社会保障局', en: 'Human resources & social security' }] })));
  page.render(<CaseClues detail={detail} />);
}

describe('the clues of a case', () => {
  it('lists the first clue and the one that joined, the withdrawn one marked, each with its day, source and link', async () => {
    render();
    await page.waitFor(() => (items()[0]?.textContent ?? '').includes('人力资源和社会保障局'), 'the department names');
    const [warning, visit] = items();
    expect(items()).toHaveLength(2);
    expect(warning!.dataset).toMatchObject({ clueId: 'cl-w', channel: 'warning', withdrawn: 'true' });
    expect(warning!.textContent).toContain('立案线索');
    expect(warning!.textContent).toContain('已撤出');
    expect(warning!.textContent).toContain('发现于 2026-11-22');
    expect(warning!.querySelector('[data-testid="case-clue-source"]')?.textContent).toBe('人力资源和社会保障局预警 · 因务工就业不稳');
    expect(warning!.querySelector('a')?.getAttribute('href')).toBe('/warnings?householdId=h1');
    expect(visit!.dataset).toMatchObject({ channel: 'visit', withdrawn: 'false' });
    expect(visit!.textContent).toContain('并入');
    expect(visit!.querySelector('[data-testid="case-clue-withdrawn"]')).toBeNull();
    expect(visit!.querySelector('[data-testid="case-clue-source"]')?.textContent).toBe('龙学排查走访');
    expect(visit!.querySelector('a')?.getAttribute('href')).toBe('/visits?tab=forwarded');
  });

  it('in English', async () => {
    await i18n.changeLanguage('en');
    render();
    await page.waitFor(() => (items()[0]?.textContent ?? '').includes('Human resources'), 'the department names');
    const [warning, visit] = items();
    expect(warning!.textContent).toContain('Opened the case');
    expect(warning!.textContent).toContain('Withdrawn');
    expect(warning!.textContent).toContain('arose 2026-11-22');
    expect(visit!.textContent).toContain('Joined');
    expect(visit!.querySelector('[data-testid="case-clue-source"]')?.textContent).toBe('Visit by 龙学');
  });

  it('links a call to the hotline records of its day; an application has no page', () => {
    const base = clues[1]!;
    expect(clueLink({ ...base, channel: 'hotline', visit: null, call: { id: 'c1' }, aroseOn: '2026-11-20' }, 'h1')).toBe('/hotline/records?from=2026-11-20&to=2026-11-20');
    expect(clueLink({ ...base, channel: 'application', visit: null, application: { referenceNo: 'SQ-1' } }, null)).toBeNull();
  });
});
