/**
 * The English text of every problem `reason` (problems.ts), and how `params` fill it. Kept apart
 * from the zod schemas so the web app's reason catalog does not download zod.
 */
import { ACCESS_REASONS_EN } from './reasons/access.ts';
import { CASE_REASONS_EN } from './reasons/cases.ts';
import { FILE_REASONS_EN } from './reasons/files.ts';
import { INTAKE_REASONS_EN } from './reasons/intake.ts';
import { MONITORING_REASONS_EN } from './reasons/monitoring.ts';
import { REGISTRY_REASONS_EN } from './reasons/registry.ts';

/**
 * Every `reason` a problem may carry, with its English text. `{{name}}` is filled from `params`.
 * One file per API area under `reasons/`, gathered here.
 */
export const REASON_TEXT_EN = {
  ...ACCESS_REASONS_EN,
  ...CASE_REASONS_EN,
  ...INTAKE_REASONS_EN,
  ...REGISTRY_REASONS_EN,
  ...MONITORING_REASONS_EN,
  ...FILE_REASONS_EN,
} as const;

export type ProblemReason = keyof typeof REASON_TEXT_EN;

/** What a reason's text may be filled with: numbers, dates, names, and lists of them. */
export type ProblemParamValue = string | number | boolean | null | readonly string[];
export type ProblemParams = Readonly<Record<string, ProblemParamValue>>;

/** Fill `{{name}}` placeholders from params (lists joined with "; "); an unknown name stays visible. */
export function fillTemplate(template: string, params: ProblemParams | undefined): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) return whole;
    return Array.isArray(value) ? value.join('; ') : String(value);
  });
}

/** The English text of a reason, filled from its params. */
export function reasonTextEn(reason: ProblemReason, params?: ProblemParams): string {
  return fillTemplate(REASON_TEXT_EN[reason], params);
}
