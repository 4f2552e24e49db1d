import type { HTMLAttributes, ReactNode } from 'react';

/**
 * A card for the two pages people open first, often on a village phone over 3G: login and the public
 * self-application. It looks like antd's Card but is a plain section: antd's Card imports Tabs, and
 * with them a menu, a dropdown and their motion (≈ 40 KB of compressed JavaScript before the page
 * shows). Pages behind login keep using antd's Card.
 */
export function Panel({
  title,
  size = 'default',
  className,
  children,
  ...rest
}: { title?: ReactNode; size?: 'default' | 'small'; children: ReactNode } & Omit<HTMLAttributes<HTMLElement>, 'title'>) {
  return (
    <section className={['fp-panel', size === 'small' ? 'fp-panel-small' : '', className ?? ''].filter(Boolean).join(' ')} {...rest}>
      {title ? <h2 className="fp-panel-title">{title}</h2> : null}
      <div className="fp-panel-body">{children}</div>
    </section>
  );
}
