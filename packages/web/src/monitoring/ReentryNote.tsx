import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

type Reentry = { eliminatedOn: string; status: string; eliminationCaseId: string | null; eliminationCaseNumber: string | null };

function isReentry(value: unknown): value is Reentry {
  return typeof value === 'object' && value !== null && typeof (value as { eliminatedOn?: unknown }).eliminatedOn === 'string';
}

/**
 * On an identification case: the household's risk was eliminated before, and this case reopens its
 * monitoring record (再标注, re-entry) — the same household, its history kept.
 */
export function ReentryNote({ facts }: { facts: Record<string, unknown> | null }) {
  const { t } = useTranslation();
  const reentry = facts?.reentry;
  if (!isReentry(reentry)) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="fp-section"
      data-testid="case-reentry"
      title={t('elimination.reentry', { date: reentry.eliminatedOn })}
      description={
        reentry.eliminationCaseId ? (
          <Link to={`/eliminations/${reentry.eliminationCaseId}`}>{t('elimination.reentryCase', { caseNumber: reentry.eliminationCaseNumber })}</Link>
        ) : (
          t('elimination.reentryImported')
        )
      }
    />
  );
}
