import { addCalendarDays } from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { recordHotlineCall } from '../hotline/record-call.ts';

/**
 * A little hotline work on the demo so the call-record table and to-do lists are not empty: an
 * answered call and a dispatched one in 花坪镇南干村 (龙学's village in the founding story; the
 * journeys of 小黄 and 张百谋 play elsewhere). Runs once: nothing happens when calls exist.
 */
export async function seedDemoActivity(pool: pg.Pool, cipher: PersonalDataCipher, today: string): Promise<void> {
  const { rows: existing } = await pool.query(`SELECT 1 FROM hotline_calls WHERE county_code = '451028' LIMIT 1`);
  if (existing.length) return;
  const { rows: users } = await pool.query<{ id: string; displayName: string }>(`SELECT id, display_name AS "displayName" FROM users WHERE username = 'monitor'`);
  const { rows: households } = await pool.query<{ id: string; headName: string }>(
    `SELECT h.id, (SELECT m.name FROM members m WHERE m.household_id = h.id ORDER BY m.relation = 'head' DESC LIMIT 1) AS "headName"
     FROM households h WHERE h.region_code LIKE '451028103201%' ORDER BY h.household_number LIMIT 1`,
  );
  const monitor = users[0];
  const household = households[0];
  if (!monitor || !household) return;
  const actor = { userId: monitor.id, username: 'monitor', role: 'county-monitor' as const, regionCode: '451028', displayName: monitor.displayName };
  const at = (daysAgo: number, hour: number) => new Date(`${addCalendarDays(today, -daysAgo)}T${String(hour - 8).padStart(2, '0')}:20:00Z`);
  const deps = { pool, cipher, now: () => new Date() };
  await recordHotlineCall(deps, actor, {
    calledAt: at(3, 9).toISOString(),
    callerName: '罗美兰',
    callerPhone: '13807760318',
    regionCode: '451028103201',
    content: '孩子考上高中，想了解教育资助政策',
    policyExplained: '讲解了雨露计划和普通高中国家助学金的申请条件与时间',
    result: 'answered',
  });
  await recordHotlineCall(deps, actor, {
    calledAt: at(1, 15).toISOString(),
    callerName: household.headName,
    callerPhone: '13977600425',
    regionCode: '451028103201',
    householdId: household.id,
    content: '在广东务工的儿子被辞退回家，家里没有稳定收入',
    policyExplained: '讲解了防止返贫监测对象的认定条件，告知将安排村干部入户核实',
    result: 'dispatched',
    riskTypes: ['07'],
  });
}
