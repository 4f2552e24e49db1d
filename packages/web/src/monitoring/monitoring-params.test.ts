import { describe, expect, it } from 'vitest';
import { monitoringQueryFromParams, paramsFromMonitoringQuery } from './monitoring-params';

describe('the register filters in the URL', () => {
  it('reads known values and drops unknown ones', () => {
    const query = monitoringQueryFromParams(new URLSearchParams('status=monitoring&category=marginal&riskType=07&regionCode=451028201202&flag=helperOverdue&page=2&pageSize=50'));
    expect(query).toEqual({ status: 'monitoring', category: 'marginal', riskType: '07', regionCode: '451028201202', flag: 'helperOverdue', page: 2, pageSize: 50 });
    expect(monitoringQueryFromParams(new URLSearchParams('status=gone&category=x&riskType=abc&flag=everything&regionCode=1'))).toEqual({ page: 1, pageSize: 20 });
  });

  it("reads a statistics drill-down (as of a date, helper timeliness, the trend's month) and drops malformed ones", () => {
    const query = monitoringQueryFromParams(new URLSearchParams('asOf=2026-10-31&regionCode=451028&helper=late&identifiedIn=2026-09&status=eliminated&category=none'));
    expect(query).toEqual({ asOf: '2026-10-31', regionCode: '451028', helper: 'late', identifiedIn: '2026-09', status: 'eliminated', category: 'none', page: 1, pageSize: 20 });
    expect(monitoringQueryFromParams(paramsFromMonitoringQuery(query))).toEqual(query);
    expect(monitoringQueryFromParams(new URLSearchParams('asOf=yesterday&helper=soon&eliminatedIn=2026-13'))).toEqual({ page: 1, pageSize: 20 });
  });

  it('round-trips, leaving out the defaults', () => {
    const query = { flag: 'noHelper' as const, page: 1, pageSize: 20 };
    expect(paramsFromMonitoringQuery(query).toString()).toBe('flag=noHelper');
    expect(monitoringQueryFromParams(paramsFromMonitoringQuery(query))).toEqual(query);
  });
});
