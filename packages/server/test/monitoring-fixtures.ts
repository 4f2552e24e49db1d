import { expect } from 'vitest';
import type { ClueChannel, Role } from '@fangpin/domain';
import { withTransaction } from '../src/db/client.ts';
import { SYSTEM_ACTOR } from '../src/modules/audit/record-audit.ts';
import { openClueWithCase } from '../src/modules/cases/open-case.ts';
import type { BuiltHousehold, TestCounty } from './factories.ts';
import type { Login, testSessions } from './sessions.ts';
import type { TestContext } from './test-app.ts';

/**
 * A household made a monitoring object (监测对象) by the county on `approvedOn`, through the real
 * county decision: its case is opened on `clueDate` and placed at the county's approval with the
 * consent signed and `facts` recorded (the steps before it are the cases module's tests), then
 * `monitor` sends `countyDecide` over HTTP.
 */
export async function approveHousehold(
  ctx: Pick<TestContext, 'pool'>,
  api: ReturnType<typeof testSessions>['api'],
  monitor: Login,
  household: Pick<BuiltHousehold, 'id' | 'regionCode'>,
  options: { clueDate: string; approvedOn: string; category: string; riskTypes: string[]; channel?: ClueChannel; summary?: string; facts?: object },
): Promise<void> {
  const { caseId } = await withTransaction(ctx.pool, (tx) =>
    openClueWithCase(tx, SYSTEM_ACTOR, { regionCode: household.regionCode, householdId: household.id, channel: options.channel ?? 'visit', riskTypes: options.riskTypes, summary: options.summary ?? '测试线索', clueDate: options.clueDate }),
  );
  await ctx.pool.query(`UPDATE cases SET step = 'countyApproval', facts = $3, state = state || jsonb_build_object('step', 'countyApproval', 'stepEnteredOn', $2::text, 'consentSigned', true) WHERE id = $1`, [
    caseId,
    options.clueDate,
    JSON.stringify(options.facts ?? {}),
  ]);
  const { rows } = await ctx.pool.query<{ version: number }>(`SELECT version FROM cases WHERE id = $1`, [caseId]);
  const r = await api(monitor, 'POST', `/api/cases/${caseId}/events`, { type: 'countyDecide', version: rows[0]!.version, occurredOn: options.approvedOn, data: { decision: 'approved', category: options.category, riskTypes: options.riskTypes } });
  expect(r.statusCode, r.body).toBe(200);
}

/** Who works on monitoring in a test county, by the name the monitoring tests give them: role and where. */
const MONITORING_PEOPLE = {
  monitor: ['county-monitor', (c) => c.code],
  leader: ['leader', (c) => c.code],
  township: ['township-officer', (c) => c.townships[1]!.code],
  otherTownship: ['township-officer', (c) => c.townships[0]!.code],
  mazhuang: ['village-cadre', (c) => c.villages[2]!.code],
  baile: ['village-cadre', (c) => c.villages[3]!.code],
  department: ['department', (c) => c.code],
  cadre: ['helping-cadre', (c) => c.townships[1]!.code],
  otherCadre: ['helping-cadre', (c) => c.code],
} satisfies Record<string, [Role, (c: TestCounty) => string]>;

/** Signs in the `names` people of `county` (逻西乡 is "the" township, 同乐镇 the other; 百乐村 and 马庄村 lie in 逻西乡). */
export async function monitoringPeople<K extends keyof typeof MONITORING_PEOPLE>(login: ReturnType<typeof testSessions>['login'], county: TestCounty, names: readonly K[]): Promise<Record<K, Login>> {
  const people = {} as Record<K, Login>;
  for (const name of names) {
    const [role, where] = MONITORING_PEOPLE[name];
    people[name] = await login(role, where(county));
  }
  return people;
}
