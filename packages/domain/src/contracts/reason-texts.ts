/**
 * The English text of every problem `reason` (problems.ts), and how `params` fill it. Kept apart
 * from the zod schemas so the web app's reason catalog does not download zod.
 */
import { fillTemplate, type ProblemParams } from './fill-template.ts';
import { ACCESS_REASONS_EN } from './reasons/access.ts';
import { CASE_REASONS_EN } from './reasons/cases.ts';
import { FILE_REASONS_EN } from './reasons/files.ts';
import { INTAKE_REASONS_EN } from './reasons/intake.ts';
import { MONITORING_REASONS_EN } from './reasons/monitoring.ts';
import { REGISTRY_REASONS_EN } from './reasons/registry.ts';

export * from './fill-template.ts';

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



/** The English text of a reason, filled from its params. */
export function reasonTextEn(reason: ProblemReason, params?: ProblemParams): string {
  return fillTemplate(REASON_TEXT_EN[reason], params);
}
