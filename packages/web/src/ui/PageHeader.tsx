import { Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * The heading row a page starts with: its title (with an optional icon), an optional muted
 * subtitle, then whatever the page adds after them (a count, a link, actions). On a phone the row wraps.
 */
export function PageHeader({
  title,
  icon,
  subtitle,
  subtitleClassName,
  children,
}: {
  title: ReactNode;
  icon?: ReactNode;
  subtitle?: ReactNode;
  subtitleClassName?: string;
  children?: ReactNode;
}) {
  return (
    <div className="fp-page-header">
      <Typography.Title level={4} className="fp-page-title">
        {icon ? <>{icon} </> : null}
        {title}
      </Typography.Title>
      {subtitle ? (
        <span className={subtitleClassName ? `fp-muted ${subtitleClassName}` : 'fp-muted'}>{subtitle}</span>
      ) : null}
      {children}
    </div>
  );
}
