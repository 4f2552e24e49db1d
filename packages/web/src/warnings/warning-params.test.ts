import { describe, expect, it } from 'vitest';
import { isOverdue, riskTypeLabel, sourceName } from '../department/labels';
import i18n from '../i18n';
import { paramsFromWarningQuery, warningQueryFromParams } from './warning-params';

describe('warning queue URL', () => {
  it('reads the filters and round-trips them', () => {
    const params = new URLSearchParams(
      'source=medical&status=new&riskType=01&regionCode=451028101201&dueBefore=2026-12-31&page=2',
    );
    const query = warningQueryFromParams(params);
    expect(query).toEqual({
      source: 'medical',
      status: 'new',
      riskType: '01',
      regionCode: '451028101201',
      dueBefore: '2026-12-31',
      page: 2,
      pageSize: 20,
    });
    expect(paramsFromWarningQuery(query).toString()).toBe(params.toString());
  });

  it('drops values the server would refuse', () => {
    const query = warningQueryFromParams(new URLSearchParams('status=closed&dueBefore=31.12.2026&pageSize=7&page=-1'));
    expect(query).toEqual({ page: 1, pageSize: 20 });
  });
});

describe('warning labels', () => {
  it('marks open warnings past their due date as overdue, not the due date itself', () => {
    expect(isOverdue({ status: 'new', dueOn: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ status: 'dispatched', dueOn: '2026-03-02' }, '2026-03-02')).toBe(false);
    expect(isOverdue({ status: 'noRisk', dueOn: '2026-03-01' }, '2026-03-02')).toBe(false);
    expect(isOverdue({ status: 'new', dueOn: null }, '2026-03-02')).toBe(false);
  });

  it('names risk types, with unknown 02xx codes as natural disasters', () => {
    const t = i18n.getFixedT('zh-CN');
    expect(riskTypeLabel(t, '01')).toBe('因病');
    expect(riskTypeLabel(t, '0201')).toBe('因自然灾害（洪涝）');
    expect(riskTypeLabel(t, '0207')).toBe('因自然灾害');
    expect(riskTypeLabel(t, '42')).toBe('42');
  });

  it('shortens a source name to the part in brackets for tags', () => {
    const sources = [
      {
        code: 'medical' as const,
        zh: '医疗保障局（医保结算）',
        en: 'Medical insurance settlements',
        signal: 'rollingSum' as const,
        fields: [],
      },
    ];
    expect(sourceName('medical', sources, 'zh-CN', true)).toBe('医保结算');
    expect(sourceName('medical', sources, 'zh-CN')).toBe('医疗保障局（医保结算）');
    expect(sourceName('medical', sources, 'en', true)).toBe('Medical insurance settlements');
    expect(sourceName('police', sources, 'zh-CN')).toBe('police');
  });
});
