import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDescribedError } from './problem';

/**
 * The one way a page shows a failed request inline: the code's text as the title, the reason's text
 * (filled from the problem's params) as the description, in the reader's language.
 */
export function ProblemAlert({ error, action, className, testId = 'problem-alert' }: { error: unknown; action?: ReactNode; className?: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const described = useDescribedError(t, error, i18n.language);
  if (!described) return null;
  return <Alert type="error" showIcon role="alert" className={className} data-testid={testId} message={described.title} description={described.detail || undefined} action={action} />;
}
