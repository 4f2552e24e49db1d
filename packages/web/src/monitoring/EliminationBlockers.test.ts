import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
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
  it('reads them from a refusal', () => {
    const refusal = new ApiError(422, { code: 'WORKFLOW_REFUSED', reason: 'eliminationNotAllowed' }, { details: [{ code: 'noLabour' }] });
    expect(blockersOf(refusal)).toEqual([{ code: 'noLabour' }]);
    expect(blockersOf(new ApiError(422, { code: 'WORKFLOW_REFUSED', reason: 'notMonitored' }))).toEqual([]);
  });
});
