import { COVERAGE_RULES, MEASURE_EXAMPLES, addCalendarDays, calendarForRuleSet, helperAssignmentDueOn, isRiskTypeCode, type MeasureCategoryName } from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction } from '../../db/client.ts';
import { assignHelper } from '../monitoring/assign-helper.ts';
import { recordHelperVisit } from '../monitoring/record-helper-visit.ts';
import { recordMeasure } from '../monitoring/record-measure.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';

const UNITS = ['县人社局', '县农业农村局', '县卫健局', '县教育局', '县民政局', '县水利局', '县住建局', '县乡村振兴局'];
const NAMES = ['黄志明', '罗春燕', '韦国庆', '杨秀英', '岑建华', '班丽萍', '黄海波', '陆小红', '农德胜', '梁桂芳'];

/**
 * The monitoring objects of the demo county at every helper stage, so a newcomer sees the mechanism:
 * most imported objects get a helper (the demo helping cadre `helper`, or a named person of a
 * county bureau, through the real assignment use case, so history and audit are as in use), and a
 * few are approved recently: some still within the 5 working days, some overdue. Measures cover
 * the risks of most objects (the older ones delivered); one in five leaves a risk uncovered.
 * Helpers visit (帮扶走访) every quarter, recorded through the real use case on the day they went:
 * the demo helping cadre its own households, the county centre for the named persons (the paper
 * visit forms it types in); one household in six was last visited five months ago and is overdue.
 * Runs once: nothing happens when the county has helpers.
 */
export async function seedDemoMonitoring(pool: pg.Pool, cipher: PersonalDataCipher, today: string): Promise<void> {
  const { rows: existing } = await pool.query(`SELECT 1 FROM household_helpers WHERE county_code = '451028' LIMIT 1`);
  if (existing.length) return;
  const { rows: users } = await pool.query<{ id: string; username: string; displayName: string }>(
    `SELECT id, username, display_name AS "displayName" FROM users WHERE username IN ('monitor', 'helper')`,
  );
  const monitor = users.find((u) => u.username === 'monitor');
  const helper = users.find((u) => u.username === 'helper');
  if (!monitor || !helper) return;
  const actor = { userId: monitor.id, username: monitor.username, role: 'county-monitor' as const, regionCode: '451028', displayName: monitor.displayName };
  const { rows: objects } = await pool.query<{ householdId: string; regionCode: string; identifiedOn: string | null; riskTypes: string[] }>(
    `SELECT m.household_id AS "householdId", h.region_code AS "regionCode", m.identified_on AS "identifiedOn", m.risk_types AS "riskTypes"
     FROM household_monitoring m JOIN households h ON h.id = m.household_id
     WHERE m.county_code = '451028' AND m.status = 'monitoring'
       AND h.household_number NOT LIKE '%900001' -- the founding story's households (story-households.ts) stay as the journeys expect them
     ORDER BY h.household_number`,
  );
  // Eight recent approvals: four within the limit or just helped, four overdue without a helper.
  const recent = objects.slice(0, 8);
  for (const [i, o] of recent.entries()) {
    const identifiedOn = addCalendarDays(today, -[2, 3, 4, 9, 12, 15, 20, 26][i]!);
    const ruleSet = await ruleSetInForce(pool, o.regionCode, identifiedOn);
    const dueOn = helperAssignmentDueOn(identifiedOn, ruleSet, calendarForRuleSet(ruleSet));
    await pool.query(`UPDATE household_monitoring SET identified_on = $2, helper_due_on = $3, income_year = $4 WHERE household_id = $1`, [o.householdId, identifiedOn, dueOn, Number(identifiedOn.slice(0, 4))]);
    o.identifiedOn = identifiedOn;
  }
  const toHelp = [...recent.slice(2, 4), ...objects.slice(8)];
  for (const [i, o] of toHelp.entries()) {
    if (i % 9 === 8) continue; // some older objects never got a helper recorded: flagged 未落实
    const assignedOn = o.identifiedOn && o.identifiedOn > addCalendarDays(today, -30) ? addCalendarDays(o.identifiedOn, 1) : undefined;
    const input =
      i % 3 === 0
        ? { kind: 'cadre' as const, userId: helper.id, ...(assignedOn ? { assignedOn } : {}) }
        : { kind: 'person' as const, name: NAMES[i % NAMES.length]!, unit: UNITS[i % UNITS.length]!, phone: `139${String(7760000 + i).padStart(8, '0')}`, ...(assignedOn ? { assignedOn } : {}) };
    await withTransaction(pool, (tx) => assignHelper({ tx, actor, today, cipher }, o.householdId, input));
  }
  // Measures: most objects have each risk covered (older ones delivered), one in five misses one.
  for (const [i, o] of objects.slice(2).entries()) {
    const startOn = o.identifiedOn && o.identifiedOn > '2025-01-01' ? addCalendarDays(o.identifiedOn, 3) : '2025-03-01';
    if (startOn > today) continue;
    const risks = o.riskTypes.filter(isRiskTypeCode);
    for (const [j, risk] of risks.entries()) {
      if (i % 5 === 4 && j === risks.length - 1) continue; // left uncovered: flagged 风险未落实帮扶措施
      const category: MeasureCategoryName = COVERAGE_RULES[risk]?.[0] ?? 'socialAssistance';
      const measure = MEASURE_EXAMPLES[category]?.[i % (MEASURE_EXAMPLES[category]?.length ?? 1)] ?? '临时救助';
      const status = startOn < addCalendarDays(today, -120) ? 'delivered' : i % 2 === 0 ? 'inProgress' : 'planned';
      await withTransaction(pool, (tx) =>
        recordMeasure({ tx, actor, today }, o.householdId, { riskType: risk, category, measure, department: UNITS[(i + j) % UNITS.length]!, startOn, status }),
      );
    }
  }
  // Helper visits: the last two quarterly visits of each object identified more than half a year ago (the
  // county centre types in the forms of those without a helper account, or without a helper recorded).
  const helperActor = { userId: helper.id, username: helper.username, role: 'helping-cadre' as const, regionCode: '451028', displayName: helper.displayName };
  const { rows: helped } = await pool.query<{ householdId: string; identifiedOn: string; isOwnCadre: boolean }>(
    `SELECT m.household_id AS "householdId", m.identified_on::text AS "identifiedOn", coalesce(bool_or(hh.user_id = $1), false) AS "isOwnCadre"
     FROM household_monitoring m LEFT JOIN household_helpers hh ON hh.household_id = m.household_id AND hh.ended_on IS NULL
     WHERE m.county_code = '451028' AND m.status = 'monitoring' AND m.identified_on < $2
     GROUP BY m.household_id, m.identified_on ORDER BY m.household_id`,
    [helper.id, addCalendarDays(today, -190)],
  );
  for (const [i, h] of helped.entries()) {
    const lastOn = addCalendarDays(today, i % 6 === 5 ? -150 - (i % 20) : -10 - ((i * 7) % 60));
    const visitor = h.isOwnCadre ? helperActor : actor;
    for (const [k, visitedOn] of [addCalendarDays(lastOn, -91), lastOn].entries()) {
      if (visitedOn < h.identifiedOn) continue;
      const observed = VISIT_NOTES[(i + k) % VISIT_NOTES.length]!;
      const problems = k === 1 && i % 4 === 1 ? '孩子下学期生活费还没有着落，已联系学校申请资助' : '';
      await withTransaction(pool, (tx) => recordHelperVisit({ tx, actor: visitor, today, cipher }, h.householdId, { visitedOn, observed, problems }));
    }
  }
}

const VISIT_NOTES = [
  '入户了解家庭收支情况，主要劳动力在县城务工，收入稳定',
  '查看住房和饮水情况，房屋安全，自来水正常入户',
  '了解家人看病和报销情况，慢病卡已办理，按时服药',
  '宣讲防返贫监测政策，告知一键报告电话和自主申报方式',
  '核实帮扶措施落实情况，产业奖补已到账，养殖规模扩大',
];
