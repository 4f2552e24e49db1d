import { CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { ReactNode } from 'react';

/**
 * antd Alert's look (error, warning; a title and an optional explanation) as a plain block, for the
 * two pages people open first on a village phone over 3G (login, the public self-application): the
 * Alert and its helpers are ≈ 3.5 KB of compressed JavaScript those pages do without. Pages behind
 * login keep antd's Alert and `ProblemAlert`.
 */
export function Notice({
  type,
  title,
  detail,
  className,
  testId,
}: {
  type: 'error' | 'warning';
  title: ReactNode;
  detail?: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <div
      className={['fp-notice', `fp-notice-${type}`, className ?? ''].filter(Boolean).join(' ')}
      role={type === 'error' ? 'alert' : undefined}
      data-testid={testId}
    >
      {type === 'error' ? <CloseCircleFilled className="fp-notice-icon" /> : <ExclamationCircleFilled className="fp-notice-icon" />}
      <div className="fp-notice-text">
        <div className="fp-notice-title">{title}</div>
        {detail ? <div className="fp-notice-detail">{detail}</div> : null}
      </div>
    </div>
  );
}
