import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDescribedError } from './problem';

/**
 * The one way a page shows a failed request inline: the code's text as the title, the reason's text
 * (filled from the problem's params) as the description, in the reader's language. The server's
 * English `detail` never reaches a Chinese reader (see describeError).
 *
 * `title` replaces the code's text when the page knows better what failed ("村庄列表加载失败");
 * the reason's text, if any, stays the description.
 */
export function ProblemAlert({
  error,
  title,
  type = 'error',
  action,
  onClose,
  className,
  testId = 'problem-alert',
}: {
  error: unknown;
  title?: ReactNode;
  type?: 'error' | 'warning';
  action?: ReactNode;
  onClose?: () => void;
  className?: string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const described = useDescribedError(t, error, i18n.language);
  if (!described) return null;
  return (
    <Alert
      type={type}
      showIcon
      role="alert"
      className={className}
      data-testid={testId}
      title={title ?? described.title}
      description={described.detail || undefined}
      action={action}
      closable={onClose ? { onClose } : undefined}
    />
  );
}
