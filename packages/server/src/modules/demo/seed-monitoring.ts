import { COVERAGE_RULES, MEASURE_EXAMPLES, addCalendarDays, calendarForRuleSet, helperAssignmentDueOn, isRiskTypeCode, type MeasureCategoryName } from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction } from '../../db/client.ts';
import { assignHelper } from '../monitoring/assign-helper.ts';
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
}
