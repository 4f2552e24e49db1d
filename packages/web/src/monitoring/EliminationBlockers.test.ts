import { describe, expect, it } from 'vitest';
import i18n, { setLanguage } from '../i18n';
import { loadTexts } from '../i18n/resources';
import { ApiError } from '../api/client';
import { blockersOf, blockerText } from './EliminationBlockers';

describe('elimination blockers are written from their code and figures', () => {
  it('in Chinese and in English', async () => {
    await loadTexts('elimination');
    const zh = i18n.getFixedT('zh-CN');
    const en = i18n.getFixedT('en');
    expect(blockerText(zh, { code: 'incomeNotAboveLine', perCapita: 8900, line: 9000 })).toBe('人均纯收入 8900 元未高于当年监测线 9000 元');
    expect(blockerText(en, { code: 'monitoredTooShort', months: 1, minMonths: 6 })).toBe('Monitored for 1 month(s), fewer than 6');
    expect(blockerText(zh, { code: 'riskMeasureNotDelivered', riskType: '07' })).not.toContain('{{');
  });
  it('every blocker in English with its figures: income against the line, months monitored, which measure is undelivered', async () => {
    await setLanguage('en'); // the English catalog (risk-type names) is fetched on demand
    await loadTexts('elimination');
    const en = i18n.getFixedT('en');
    const texts = [
      blockerText(en, { code: 'incomeNotAboveLine', perCapita: 8900, line: 9000 }),
      blockerText(en, { code: 'basicNeedsNotSecured' }),
      blockerText(en, { code: 'riskNotGone' }),
      blockerText(en, { code: 'riskMeasureNotDelivered', riskType: '07' }),
      blockerText(en, { code: 'riskMeasureNotDelivered', riskType: '01', undelivered: ['公益岗位', '大病保险'] }),
      blockerText(en, { code: 'riskNotResolved', riskType: '01' }),
      blockerText(en, { code: 'noLabour' }),
      blockerText(en, { code: 'monitoredTooShort', months: 2, minMonths: 6 }),
      blockerText(en, { code: 'tooFewMeasures', minMeasures: 1 }),
    ];
    expect(texts[0]).toBe('Per-capita net income 8900 yuan is not above this year’s monitoring line of 9000 yuan');
    expect(texts[4]).toBe(`No measure against the risk “${en('codes.riskType.01')}” has been delivered yet: 公益岗位, 大病保险 not delivered`);
    expect(texts[7]).toBe('Monitored for 2 month(s), fewer than 6');
    expect(texts[8]).toBe('Fewer than 1 measure(s) delivered');
    // No Chinese outside the data (the measures' names are data), no placeholder left unfilled.
    for (const text of texts) {
      expect(text.replace(/公益岗位|大病保险/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
      expect(text).not.toContain('{{');
    }
    const zh = i18n.getFixedT('zh-CN');
    expect(blockerText(zh, { code: 'riskMeasureNotDelivered', riskType: '01', undelivered: ['公益岗位', '大病保险'] })).toBe(`风险“${zh('codes.riskType.01')}”的帮扶措施尚未落实：公益岗位、大病保险`);
    await setLanguage('zh-CN');
  });
  it('reads them from a refusal', () => {
    const refusal = new ApiError(422, { code: 'WORKFLOW_REFUSED', reason: 'eliminationNotAllowed' }, { details: [{ code: 'noLabour' }] });
    expect(blockersOf(refusal)).toEqual([{ code: 'noLabour' }]);
    expect(blockersOf(new ApiError(422, { code: 'WORKFLOW_REFUSED', reason: 'notMonitored' }))).toEqual([]);
  });
});
