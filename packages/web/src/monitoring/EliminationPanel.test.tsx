// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RULE_SET_VERSIONS, resolveRuleSet } from '@fangpin/domain';
import '../i18n';
import { loadTexts } from '../i18n/resources';
import { jsonResponse, testPage } from '../test/test-page';
import { EliminationPanel } from './EliminationPanel';

// The router loads these catalogs before it shows the household page.
beforeAll(() => loadTexts('reasons', 'elimination', 'monitoring'));

const page = testPage();
const { byTestId, waitFor } = page;

const ME = {
  id: 'u1',
  username: 'baile',
  displayName: '黄村干',
  role: 'village-cadre',
  roleLabel: { zh: '村干部', en: 'Village cadre' },
  regionCode: '451028201203',
  regionName: '百乐村',
  abilities: {},
};

/** Leye's rule set in force, as the rule-set API gives it, with the county's own elimination figures. */
const ruleSet = { ...resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2026-11-20'), eliminationMinMonths: 9, eliminationMinMeasures: 2 };

function stubServer() {
  const fetchMock = vi.fn(async (url: string) => {
    if (url === '/api/auth/me') return jsonResponse(200, { user: ME });
    if (url.endsWith('/elimination-check'))
      return jsonResponse(200, { householdId: 'h1', isMonitored: true, isSuggested: true, mode: 'assisted', blockers: [], monitoringLine: 9000, perCapitaIncome: 12000, openCase: null, mayPropose: true });
    if (url.endsWith('/eliminations')) return jsonResponse(200, { items: [] });
    if (url.startsWith('/api/rule-sets/in-force')) return jsonResponse(200, { ruleSet });
    return jsonResponse(404, { code: 'NOT_FOUND' });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('the proposal form', () => {
  it("states the assisted conditions with the figures of the rule set in force (the ones the server checks), not fixed ones", async () => {
    expect(ruleSet.eliminationMinMonths).not.toBe(6);
    const fetchMock = stubServer();
    page.render(<EliminationPanel householdId="h1" status="monitoring" riskTypes={['01']} identifiedOn="2026-01-20" eliminatedOn={null} />);
    await waitFor(() => byTestId('elimination-propose') !== null, 'the propose button');
    act(() => byTestId('elimination-propose')!.click());
    await waitFor(() => byTestId('elimination-mode-hint')?.textContent?.includes('9') === true, 'the hint with the rule set’s figures');
    expect(byTestId('elimination-mode-hint')!.textContent).toBe('经帮扶后风险消除：须监测满 9 个月且至少落实 2 项帮扶措施');
    const ruleSetCall = fetchMock.mock.calls.map(([url]) => String(url)).find((url) => url.startsWith('/api/rule-sets/in-force'));
    expect(ruleSetCall).toContain('regionCode=451028201203');
  });
});
