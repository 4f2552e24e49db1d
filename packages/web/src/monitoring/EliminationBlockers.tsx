import type { EliminationBlocker } from '@fangpin/domain';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { riskTypeLabel } from '../department/labels';

/**
 * One blocker of a risk elimination in the reader's language, filled from its figures: income and
 * line, months monitored and required, the risk and which of its measures is not delivered yet.
 */
export function blockerText(t: TFunction, blocker: EliminationBlocker): string {
  const riskType = 'riskType' in blocker ? riskTypeLabel(t, blocker.riskType) : undefined;
  const pending = blocker.code === 'riskMeasureNotDelivered' && blocker.undelivered?.length ? blocker.undelivered : null;
  const list = (items: readonly string[]) => items.join(t('elimination.listSeparator'));
  return t(pending ? 'elimination.blocker.riskMeasurePending' : `elimination.blocker.${blocker.code}`, {
    ...blocker,
    ...(riskType ? { risk: riskType } : {}),
    ...(pending ? { measures: list(pending) } : {}),
  });
}

/** The blockers a refusal (422 `eliminationNotAllowed`) carries in `details`, or none. */
export function blockersOf(error: unknown): EliminationBlocker[] {
  if (!isApiError(error) || error.reason !== 'eliminationNotAllowed') return [];
  const details = error.body.details;
  return Array.isArray(details) ? (details as EliminationBlocker[]) : [];
}

/** Every condition still to be met, one line each (the check's blockers, or a refusal's). */
export function EliminationBlockers({ blockers, testId = 'elimination-blockers' }: { blockers: readonly EliminationBlocker[]; testId?: string }) {
  const { t } = useTranslation();
  if (blockers.length === 0) return null;
  return (
    <ul className="fp-elimination-blockers" data-testid={testId}>
      {blockers.map((b, i) => (
        <li key={`${b.code}-${i}`} data-code={b.code}>
          {blockerText(t, b)}
        </li>
      ))}
    </ul>
  );
}
