import { addCalendarDays, type Actor, type Role } from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction } from '../../db/client.ts';
import { assignHelper } from '../monitoring/assign-helper.ts';
import { advanceElimination, proposeRiskElimination, rollBackElimination, type EliminationEventBody } from '../monitoring/eliminate-risk.ts';
import { recordMeasure } from '../monitoring/record-measure.ts';
import { refreshCoverage } from '../monitoring/refresh-coverage.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';

type Stage = 'suggested' | 'proposed' | 'homeVerification' | 'villageDeliberation' | 'publicNotice' | 'townshipReview' | 'countyApproval' | 'eliminatedStable' | 'eliminatedTracking' | 'rolledBack';

/** Villages with a demo village cadre, their township's demo officer, and the stages played there. */
const VILLAGES: { village: string; township: string; stages: Stage[] }[] = [
  { village: 'village-baile', township: 'township-gantian', stages: ['countyApproval', 'rolledBack', 'villageDeliberation'] },
  { village: 'village-mazhuang', township: 'township-luoxi', stages: ['proposed', 'publicNotice', 'eliminatedStable'] },
  { village: 'village-shuaba', township: 'township-tongle', stages: ['homeVerification', 'townshipReview', 'eliminatedTracking'] },
  { village: 'village-nangan', township: 'township-huaping', stages: ['suggested'] },
];

const MEASURES: Record<string, { category: string; measure: string; department: string }[]> = {
  '01': [{ category: 'health', measure: '医疗报销比例提高 8 个百分点', department: '县医保局' }],
  '07': [{ category: 'employment', measure: '技能培训（电工）并推荐就业', department: '县人社局' }],
  '06': [{ category: 'industry', measure: '产业奖补（养殖肉牛 3 头）', department: '县农业农村局' }],
};
const RISKS = ['01', '07', '06'];

type Users = Record<string, { id: string; role: Role; regionCode: string; displayName: string }>;

function actorOf(users: Users, username: string): Actor & { displayName: string } {
  const u = users[username]!;
  return { userId: u.id, username, role: u.role, regionCode: u.regionCode, displayName: u.displayName };
}

/**
 * Makes a registry household a monitoring object identified `identifiedOn` (as the national export
 * would carry it), with the demo helping cadre and a delivered measure per risk, through the real
 * use cases; its latest per-capita income above the line, as the helper's visits recorded it.
 */
async function monitoredSince(pool: pg.Pool, cipher: PersonalDataCipher, today: string, users: Users, household: { id: string; regionCode: string }, identifiedOn: string, riskTypes: string[], category: string, measures = riskTypes.flatMap((r) => MEASURES[r] ?? [])) {
  const ruleSet = await ruleSetInForce(pool, household.regionCode, today);
  const line = ruleSet.monitoringLine.yuanPerPersonYear;
  await pool.query(
    `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income, wage_income, transfer_income, compliant_out_of_pocket)
     VALUES ($1, '451028', $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (household_id) DO NOTHING`,
    // 因病: the year's compliant out-of-pocket medical spending (the coverage rule reads it).
    [household.id, category, riskTypes, identifiedOn, Number(today.slice(0, 4)), line + 2600, (line + 2600) * 2, 1200, riskTypes.includes('01') ? 18600 : 0],
  );
  const monitor = actorOf(users, 'monitor');
  await withTransaction(pool, (tx) => assignHelper({ tx, actor: monitor, today, cipher }, household.id, { kind: 'cadre', userId: users.helper!.id, assignedOn: addCalendarDays(identifiedOn, 3) }));
  for (const [i, m] of measures.entries()) {
    const riskType = riskTypes.find((r) => (MEASURES[r] ?? []).some((x) => x.category === m.category)) ?? riskTypes[0]!;
    await withTransaction(pool, (tx) => recordMeasure({ tx, actor: monitor, today }, household.id, { riskType, ...m, startOn: addCalendarDays(identifiedOn, 10 + i), status: 'delivered' }));
  }
  // Delivered in the months after they started (the use case dates a delivery recorded at once today).
  await pool.query(`UPDATE household_measures SET delivered_on = LEAST(start_on + 75, $2::date) WHERE household_id = $1 AND status = 'delivered'`, [household.id, today]);
  await withTransaction(pool, (tx) => refreshCoverage(tx, [household.id]));
}

/** Plays an elimination up to `stage`, every step on its own (past) day, by the demo account whose step it is. */
async function eliminateUpTo(pool: pg.Pool, today: string, users: Users, householdId: string, village: string, township: string, stage: Stage): Promise<void> {
  if (stage === 'suggested') return;
  const start = addCalendarDays(today, -45);
  const monitor = actorOf(users, 'monitor');
  const { id } = await withTransaction(pool, (tx) =>
    proposeRiskElimination({ tx, actor: actorOf(users, village), today }, householdId, { mode: 'assisted', reason: '收入稳定超过监测线，帮扶措施已落实，风险已消除', occurredOn: start }),
  );
  // Proposed and nothing more: the village's next step, the home check, waits (the field app's 待核实消除).
  if (stage === 'proposed') return;
  const { rows: region } = await pool.query<{ regionCode: string }>(`SELECT region_code AS "regionCode" FROM households WHERE id = $1`, [householdId]);
  const noticeBy = (await ruleSetInForce(pool, region[0]!.regionCode, today)).noticeLevel === 'township' ? township : village;
  const steps: [string, Omit<EliminationEventBody, 'version'>, Stage][] = [
    [township, { type: 'startVerification', occurredOn: addCalendarDays(start, 1) }, 'homeVerification'],
    [village, { type: 'recordVerification', occurredOn: addCalendarDays(start, 3), data: { perCapitaIncome: 0, basicNeedsSecured: true, notes: '入户核实：家庭收入稳定，两不愁三保障及饮水安全有保障' } }, 'villageDeliberation'],
    [village, { type: 'recordDeliberation', occurredOn: addCalendarDays(start, 5), data: { result: 'recommend', attendees: 11, minutes: '村民代表评议同意提出风险消除' } }, 'publicNotice'],
    [noticeBy, { type: 'endNotice', occurredOn: addCalendarDays(start, 11) }, 'townshipReview'],
    [township, { type: 'townshipApprove', occurredOn: addCalendarDays(start, 13) }, 'countyApproval'],
  ];
  const { rows: income } = await pool.query<{ v: number }>(`SELECT per_capita_income::float AS v FROM household_monitoring WHERE household_id = $1`, [householdId]);
  for (const [username, event, reached] of steps) {
    const { rows } = await pool.query<{ version: number }>(`SELECT version FROM cases WHERE id = $1`, [id]);
    const body = event.type === 'recordVerification' ? { ...event, data: { ...(event.data as object), perCapitaIncome: income[0]!.v } } : event;
    await withTransaction(pool, (tx) => advanceElimination({ tx, actor: actorOf(users, username), today }, id, { ...body, version: rows[0]!.version }));
    if (reached === stage) return;
  }
  const { rows } = await pool.query<{ version: number }>(`SELECT version FROM cases WHERE id = $1`, [id]);
  const outcome = stage === 'eliminatedTracking' ? 'tracking' : 'stable';
  await withTransaction(pool, (tx) => advanceElimination({ tx, actor: monitor, today }, id, { type: 'countyDecide', version: rows[0]!.version, occurredOn: addCalendarDays(start, 16), data: { decision: 'eliminate', outcome } }));
  if (stage === 'rolledBack')
    await withTransaction(pool, (tx) => rollBackElimination({ tx, actor: monitor, today }, householdId, { reason: '回访发现务工收入未能持续，消除依据不足，回退继续帮扶', occurredOn: addCalendarDays(start, 30) }));
}

/**
 * Risk elimination on the demo (issue 13 item 8): households of the villages with demo accounts at
 * every stage of an elimination — proposed, at the home check, the deliberation, the notice, the
 * township and the county, eliminated (稳定 / 继续跟踪) and rolled back — played through the real
 * use cases with backdated days, and the founding story's 阿文 (百乐村) and 龙学 (南干村), monitored
 * long enough with their measures delivered, so the system suggests their elimination and the
 * journeys can propose it. Runs once: nothing happens when the county has elimination cases.
 */
export async function seedDemoEliminations(pool: pg.Pool, cipher: PersonalDataCipher, today: string): Promise<void> {
  const { rows: existing } = await pool.query(`SELECT 1 FROM cases WHERE county_code = '451028' AND kind = 'elimination' LIMIT 1`);
  if (existing.length) return;
  const { rows: accounts } = await pool.query<{ id: string; username: string; role: Role; regionCode: string; displayName: string }>(
    `SELECT id, username, role, region_code AS "regionCode", display_name AS "displayName" FROM users WHERE username = ANY($1::text[])`,
    [['monitor', 'helper', ...VILLAGES.flatMap((v) => [v.village, v.township])]],
  );
  const users: Users = Object.fromEntries(accounts.map((a) => [a.username, a]));
  if (!users.monitor || !users.helper || VILLAGES.some((v) => !users[v.village] || !users[v.township])) return;
  const identifiedOn = addCalendarDays(today, -300);
  // The founding story: 阿文's household, 脱贫不稳定户 因病, with the three measures the centre gave it.
  const story = async (suffix: string) =>
    (await pool.query<{ id: string; regionCode: string }>(`SELECT id, region_code AS "regionCode" FROM households WHERE household_number LIKE '%' || $1`, [suffix])).rows;
  for (const h of await story('101201900001'))
    await monitoredSince(pool, cipher, today, users, h, identifiedOn, ['01'], 'unstable', [
      { category: 'health', measure: '医疗报销比例提高 8 个百分点', department: '县医保局' },
      { category: 'employment', measure: '帮助父亲到南宁务工', department: '县人社局' },
      { category: 'socialProtection', measure: '纳入低保（B 类）', department: '县民政局' },
    ]);
  // 龙学: 边缘易致贫户 因务工就业不稳, skills training and industry support.
  for (const h of await story('103201900001'))
    await monitoredSince(pool, cipher, today, users, h, identifiedOn, ['07'], 'marginal', [
      { category: 'employment', measure: '技能培训（电工）并推荐就业', department: '县人社局' },
      { category: 'industry', measure: '产业奖补（养殖肉牛 3 头）', department: '县农业农村局' },
    ]);
  for (const v of VILLAGES) {
    const { rows: households } = await pool.query<{ id: string; regionCode: string }>(
      `SELECT h.id, h.region_code AS "regionCode" FROM households h
       WHERE h.region_code LIKE $1 || '%' AND h.household_number NOT LIKE '%9000__'
         AND NOT EXISTS (SELECT 1 FROM household_monitoring m WHERE m.household_id = h.id)
         AND EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.labour_capacity IN ('full', 'partial'))
       ORDER BY h.household_number LIMIT $2`,
      [users[v.village]!.regionCode, v.stages.length],
    );
    for (const [i, h] of households.entries()) {
      const stage = v.stages[i]!;
      const risk = RISKS[i % RISKS.length]!;
      await monitoredSince(pool, cipher, today, users, h, addCalendarDays(identifiedOn, -30 * i), [risk], i % 2 === 0 ? 'unstable' : 'marginal');
      await eliminateUpTo(pool, today, users, h.id, v.village, v.township, stage);
    }
  }
}
