import { CarryOutOutlined, EyeOutlined, MenuOutlined, MobileOutlined, SearchOutlined, SolutionOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { worksOnAssignedHouseholds } from '@fangpin/domain';
import type { Me } from '../api/types';

type Entry = { key: string; icon: ReactNode; label: string; path?: string; href?: string; count?: number };

/** The bottom bar's entries for `me`, from the abilities of /api/me (never a role name): at most five. */
export function bottomNavEntries(me: Me, t: (key: string) => string, todoCount: number): Entry[] {
  const { abilities } = me;
  return [
    ...(abilities.hasTodo ? [{ key: 'todo', icon: <CarryOutOutlined />, label: t('nav.bottom.todo'), path: '/todo', count: todoCount }] : []),
    ...(abilities.canReadHouseholds
      ? worksOnAssignedHouseholds(me.role)
        ? [{ key: 'monitoring', icon: <EyeOutlined />, label: t('nav.bottom.myHouseholds'), path: '/monitoring' }]
        : [{ key: 'households', icon: <SearchOutlined />, label: t('nav.bottom.households'), path: '/households' }]
      : []),
    ...(abilities.canRecordVisits ? [{ key: 'visits', icon: <SolutionOutlined />, label: t('nav.bottom.visits'), path: '/visits' }] : []),
    // The offline field app is a page of its own (a full load, then it works without signal).
    { key: 'field', icon: <MobileOutlined />, label: t('nav.bottom.field'), href: '/field' },
  ];
}

/**
 * One thumb on a 360-px phone: the bottom navigation of those who work in the villages (village
 * cadres and helping cadres: `abilities.worksInTheField`). Every entry is at least 56 px tall; the
 * last one opens the whole menu.
 */
export function BottomNav({ me, todoCount, onMore }: { me: Me; todoCount: number; onMore: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const entries = bottomNavEntries(me, t, todoCount);
  const item = (e: Entry, content: ReactNode) => {
    const isCurrent = e.path !== undefined && pathname.startsWith(e.path);
    const className = `fp-bottom-nav-item${isCurrent ? ' is-current' : ''}`;
    return e.href ? (
      <a key={e.key} href={e.href} className={className} data-testid={`bottom-nav-${e.key}`}>
        {content}
      </a>
    ) : (
      <button
        key={e.key}
        type="button"
        className={className}
        aria-current={isCurrent ? 'page' : undefined}
        onClick={() => void navigate(e.path!)}
        data-testid={`bottom-nav-${e.key}`}
      >
        {content}
      </button>
    );
  };
  return (
    <nav className="fp-bottom-nav" aria-label={t('nav.bottom.label')} data-testid="bottom-nav">
      {entries.map((e) =>
        item(
          e,
          <>
            <Badge count={e.count ?? 0} overflowCount={99} size="small" offset={[6, 0]} data-testid={e.count !== undefined ? 'bottom-nav-todo-count' : undefined}>
              <span className="fp-bottom-nav-icon">{e.icon}</span>
            </Badge>
            <span className="fp-bottom-nav-label">{e.label}</span>
          </>,
        ),
      )}
      <button type="button" className="fp-bottom-nav-item" onClick={onMore} data-testid="bottom-nav-more">
        <span className="fp-bottom-nav-icon">
          <MenuOutlined />
        </span>
        <span className="fp-bottom-nav-label">{t('nav.bottom.more')}</span>
      </button>
    </nav>
  );
}
