import { describe, expect, it } from 'vitest';
import { roleAllows } from '@fangpin/domain';
import type { RegionTreeNode } from '../api/types';
import { nextDeskField, toNewHotlineCall } from './HotlineDeskPage';
import { shortName } from './HotlineRecordsPage';
import { callbackState, monthStart, paramsFromRecordQuery, recordQueryFromParams } from './records-params';
import { intakeAbilities } from './roles';
import { flattenVillages, isCallerPhone, villageLabel, villageMatches } from './villages';

const county: RegionTreeNode = {
  code: '451028000000',
  name: '乐业县',
  level: 'county',
  children: [
    {
      code: '451028101000',
      name: '逻西乡',
      level: 'township',
      children: [
        {
          code: '451028101201',
          name: '马庄村',
          level: 'village',
          children: [{ code: '451028101201001', name: '一组', level: 'group', children: [] }],
        },
        { code: '451028101202', name: '百乐村', level: 'village', children: [] },
      ],
    },
    {
      code: '451028102000',
      name: '同乐镇',
      level: 'township',
      children: [{ code: '451028102203', name: '刷把村', level: 'village', children: [] }],
    },
  ],
};

describe('flattenVillages', () => {
  it('lists every village with its township, in tree order, and no groups', () => {
    expect(flattenVillages(county)).toEqual([
      { code: '451028101201', name: '马庄村', townshipName: '逻西乡' },
      { code: '451028101202', name: '百乐村', townshipName: '逻西乡' },
      { code: '451028102203', name: '刷把村', townshipName: '同乐镇' },
    ]);
  });

  it('returns the village itself when the tree starts at a village', () => {
    expect(flattenVillages({ code: '451028101201', name: '马庄村', level: 'village', children: [] })).toEqual([
      { code: '451028101201', name: '马庄村', townshipName: '' },
    ]);
  });
});

describe('villageMatches', () => {
  const [mazhuang] = flattenVillages(county);
  it.each([
    ['马庄', true],
    ['逻西 马庄', true],
    ['逻西乡', true],
    ['451028101', true],
    ['同乐', false],
    ['  ', true],
  ])('%s → %s', (input, expected) => {
    expect(villageMatches(mazhuang!, input)).toBe(expected);
  });

  it('labels a village with its township', () => {
    expect(villageLabel(mazhuang!)).toBe('逻西乡 马庄村');
  });
});

describe('isCallerPhone', () => {
  it.each([
    ['13812345678', true],
    ['138 1234 5678', true],
    ['0776-7921234', true],
    ['12812345678', false],
    ['1381234567', false],
    ['7921234', false],
  ])('%s → %s', (phone, expected) => {
    expect(isCallerPhone(phone)).toBe(expected);
  });
});

describe('hotline desk form', () => {
  it('walks the fields in order and saves after the last', () => {
    expect(nextDeskField('callerName')).toBe('callerPhone');
    expect(nextDeskField('result')).toBe('remarks');
    expect(nextDeskField('remarks')).toBeNull();
    expect(nextDeskField('unknown')).toBeNull();
  });

  it('sends trimmed values and leaves out empty optional ones', () => {
    expect(
      toNewHotlineCall({
        callerName: ' 小黄 ',
        callerPhone: '138 1234 5678',
        regionCode: '451028101201',
        householdId: undefined,
        content: ' 儿媳生产大出血 ',
        policyExplained: '  ',
        riskTypes: [],
        result: 'dispatched',
        remarks: '',
      }),
    ).toEqual({
      callerName: '小黄',
      callerPhone: '13812345678',
      regionCode: '451028101201',
      householdId: null,
      content: '儿媳生产大出血',
      result: 'dispatched',
    });
  });

  it('passes risk types, policy, remarks and the call time as ISO', () => {
    const body = toNewHotlineCall({
      callerName: '张三',
      callerPhone: '13812345678',
      regionCode: '451028101201',
      householdId: 'h1',
      content: '咨询',
      policyExplained: '医疗救助政策',
      riskTypes: ['01'],
      result: 'answered',
      remarks: '已解答',
      calledAt: '2026-11-29T09:30',
    });
    expect(body).toMatchObject({
      householdId: 'h1',
      policyExplained: '医疗救助政策',
      riskTypes: ['01'],
      remarks: '已解答',
    });
    expect(body.calledAt).toMatch(/^2026-11-2\dT\d{2}:30:00\.000Z$/);
  });
});

describe('call-record filters', () => {
  const today = '2026-11-29';
  it('opens on the current month up to today', () => {
    expect(monthStart(today)).toBe('2026-11-01');
    expect(recordQueryFromParams(new URLSearchParams(), today)).toEqual({
      from: '2026-11-01',
      to: today,
      page: 1,
      pageSize: 20,
    });
    expect(paramsFromRecordQuery(recordQueryFromParams(new URLSearchParams(), today), today).toString()).toBe('');
  });

  it('reads and writes range, status and page, ignoring junk', () => {
    const params = new URLSearchParams('from=2026-10-01&to=2026-10-31&status=closed&page=2&pageSize=50');
    const query = recordQueryFromParams(params, today);
    expect(query).toEqual({ from: '2026-10-01', to: '2026-10-31', status: 'closed', page: 2, pageSize: 50 });
    expect(paramsFromRecordQuery(query, today).toString()).toBe(params.toString());
    expect(recordQueryFromParams(new URLSearchParams('from=yesterday&status=x&pageSize=7'), today)).toEqual({
      from: '2026-11-01',
      to: today,
      page: 1,
      pageSize: 20,
    });
  });
});

describe('callbackState', () => {
  const today = '2026-11-29';
  it.each([
    [{ callbackAt: '2026-11-28T02:00:00Z', callbackDueOn: '2026-11-27', status: 'closed' as const, isCallbackOverdue: false }, 'done'],
    [{ callbackAt: null, callbackDueOn: '2026-11-28', status: 'open' as const, isCallbackOverdue: true }, 'overdue'],
    [{ callbackAt: null, callbackDueOn: today, status: 'open' as const, isCallbackOverdue: false }, 'due'],
    [{ callbackAt: null, callbackDueOn: null, status: 'open' as const, isCallbackOverdue: false }, 'none'],
    [{ callbackAt: null, callbackDueOn: '2026-11-01', status: 'closed' as const, isCallbackOverdue: false }, 'none'],
  ])('%o → %s', (call, expected) => {
    expect(callbackState(call)).toBe(expected);
  });
});

describe('intakeAbilities', () => {
  it.each([
    [
      'county-monitor',
      { canUseHotline: true, canReportVisits: true, canReviewVisits: true, canReadVisits: true, canPrintPosters: true },
    ],
    [
      'county-admin',
      { canUseHotline: true, canReportVisits: true, canReviewVisits: true, canReadVisits: true, canPrintPosters: true },
    ],
    [
      'township-officer',
      {
        canUseHotline: false,
        canReportVisits: true,
        canReviewVisits: true,
        canReadVisits: true,
        canPrintPosters: true,
      },
    ],
    [
      'village-cadre',
      {
        canUseHotline: false,
        canReportVisits: true,
        canReviewVisits: false,
        canReadVisits: true,
        canPrintPosters: true,
      },
    ],
    [
      'helping-cadre',
      {
        canUseHotline: false,
        canReportVisits: true,
        canReviewVisits: false,
        canReadVisits: true,
        canPrintPosters: false,
      },
    ],
    [
      'department',
      {
        canUseHotline: false,
        canReportVisits: false,
        canReviewVisits: false,
        canReadVisits: false,
        canPrintPosters: false,
      },
    ],
    [
      'leader',
      {
        canUseHotline: false,
        canReportVisits: false,
        canReviewVisits: false,
        canReadVisits: false,
        canPrintPosters: false,
      },
    ],
  ] as const)('%s', (role, expected) => {
    // The abilities as /api/me sends them (server/src/modules/auth: can(actor, action)).
    const abilities = { canRecordHotline: roleAllows(role, 'hotline.record'), canRecordVisits: roleAllows(role, 'visit.record'), canReviewVisits: roleAllows(role, 'visit.review') };
    expect(intakeAbilities({ role, abilities })).toEqual(expected);
  });

  it('follows the server when its abilities say otherwise (the server decides, not the role name)', () => {
    const abilities = { canRecordHotline: false, canRecordVisits: false, canReviewVisits: false };
    expect(intakeAbilities({ role: 'county-monitor', abilities })).toMatchObject({ canUseHotline: false, canReportVisits: false, canReadVisits: false });
  });
});

describe('shortName', () => {
  it('drops the role in brackets from an account name', () => {
    expect(shortName('李新旺（县防贫中心监测员）')).toBe('李新旺');
    expect(shortName('county-admin (demo)')).toBe('county-admin');
    expect(shortName('王芳')).toBe('王芳');
    expect(shortName('（演示）')).toBe('（演示）');
  });
});
