/**
 * Micro benchmark of `assessHousehold` (issue 3 "Done when": one assessment well under 1 ms,
 * `npm run bench` reports it for 100,000 households). Households come from a small seeded
 * generator below, built before timing starts; the rule set is resolved once, as the server does
 * per request.
 */
import {
  DEFAULT_RULE_SET_VERSIONS,
  type HouseholdAssessmentInput,
  type HouseholdMember,
  assessHousehold,
  resolveRuleSet,
} from '@fangpin/domain';
// Deterministic PRNG (the registry generator's mulberry32) so every run assesses the same households.
import { mulberry32 as prng } from '../../packages/server/src/modules/demo/generate-registry.ts';

const LABOUR = ['full', 'full', 'partial', 'none', 'notApplicable'] as const;
const HEALTH = ['healthy', 'healthy', 'healthy', 'chronic', 'serious', 'disabled', 'severelyDisabled'] as const;
const MONTHS = ['2025-07', '2025-09', '2025-11', '2026-01', '2026-03', '2026-05'] as const;

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

/** One synthetic household of 1–6 members with random incomes, spending, problems and assets. */
export function generateHousehold(rnd: () => number, i: number): HouseholdAssessmentInput {
  const size = 1 + Math.floor(rnd() * 6);
  const members: HouseholdMember[] = [];
  for (let m = 0; m < size; m++) {
    members.push({
      id: `h${i}-m${m}`,
      birthDate: `${1945 + Math.floor(rnd() * 75)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
      labourCapacity: pick(rnd, LABOUR),
      health: pick(rnd, HEALTH),
      schooling: rnd() < 0.02 ? 'dropout' : 'notInSchool',
      employment: rnd() < 0.1 ? 'unstable' : 'stable',
      isPublicServant: rnd() < 0.01,
    });
  }
  const perCapita = 2000 + rnd() * 20000;
  const chance = (p: number): boolean => rnd() < p;
  return {
    id: `h${i}`,
    regionCode: '451028',
    householdType: chance(0.3) ? 'formerlyPoor' : 'ordinary',
    applicationDate: '2026-06-15',
    members,
    incomes: [
      { component: 'wage', amount: Math.round(perCapita * size * 0.6), month: pick(rnd, MONTHS) },
      { component: 'operating', amount: Math.round(perCapita * size * 0.3), month: pick(rnd, MONTHS) },
      { component: 'transfer', amount: Math.round(perCapita * size * 0.1), month: pick(rnd, MONTHS) },
    ],
    operatingCosts: [{ amount: Math.round(rnd() * 3000), month: pick(rnd, MONTHS) }],
    insuranceClaims: chance(0.05) ? [{ amount: 5000, month: pick(rnd, MONTHS) }] : [],
    compliantOutOfPocket: chance(0.2) ? [{ kind: 'medical', amount: Math.round(rnd() * 30000), month: pick(rnd, MONTHS) }] : [],
    rigidSpending: chance(0.05) ? [{ kind: 'funeral', amount: 8000, month: pick(rnd, MONTHS) }] : [],
    assets: {
      vehicles: chance(0.1) ? [{ kind: pick(rnd, ['car', 'van', 'motorcycle', 'tricycle'] as const) }] : [],
      urbanCommercialHousing: chance(0.03) ? [{ description: '县城商品房' }] : [],
      businessLicences: chance(0.05) ? [{ name: '个体工商户' }] : [],
      hiresLabour: chance(0.01),
      largeScaleFarming: chance(0.02),
    },
    problems: {
      compulsoryEducation: chance(0.01),
      basicMedical: chance(0.01),
      housingSafety: chance(0.03),
      drinkingWater: chance(0.03),
    },
    suddenEvents: chance(0.02) ? [{ kind: 'fire', date: '2026-05-20', lossAmount: Math.round(rnd() * 100000) }] : [],
    signals: { unstableEmployment: chance(0.05), industryProjectFailed: chance(0.01), previousOperatingIncome: Math.round(perCapita * size * 0.4) },
  };
}

/** Assess 100,000 generated households and report the time per household. */
export async function benchAssess(): Promise<{ name: string; households: number; ms: number; perHouseholdMicros: number }> {
  const households = 100_000;
  const rnd = prng(20260930);
  const inputs: HouseholdAssessmentInput[] = [];
  for (let i = 0; i < households; i++) inputs.push(generateHousehold(rnd, i));
  const ruleSet = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2026-06-15');
  const today = '2026-06-15';
  for (let i = 0; i < 2000; i++) assessHousehold(inputs[i]!, ruleSet, today); // warm-up
  let withinScope = 0;
  const start = performance.now();
  for (const h of inputs) if (assessHousehold(h, ruleSet, today).isWithinScope) withinScope += 1;
  const ms = performance.now() - start;
  if (withinScope === 0) throw new Error('benchmark generator produced no household within scope');
  return { name: 'assessHousehold', households, ms: Math.round(ms), perHouseholdMicros: Math.round((ms * 1000) / households * 100) / 100 };
}
