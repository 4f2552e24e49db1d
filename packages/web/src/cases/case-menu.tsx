import { CarryOutOutlined, FileSearchOutlined } from '@ant-design/icons';
import { Badge, type MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Me } from '../api/types';

/** Menu key → path of the identification pages (longer paths first, as in AppLayout). */
export const CASE_MENU_PATHS: readonly (readonly [string, string])[] = [
  ['todo', '/todo'],
  ['cases', '/cases'],
];

/** The count on the 待办 entry (and on the phone's menu button): hidden at zero, 99+ above. */
export function TodoBadge({ count, testId }: { count: number; testId: string }) {
  return <Badge count={count} overflowCount={99} size="small" className="fp-todo-badge" data-testid={testId} />;
}

/**
 * The side-menu group 识别认定, from the abilities of /api/me: 待办 (with the number of things
 * waiting) for those whom work reaches, 案件 for those who read cases.
 */
export function caseMenuItems(me: Me, t: TFunction, todoCount: number): NonNullable<MenuProps['items']> {
  const children: NonNullable<MenuProps['items']> = [
    ...(me.abilities.hasTodo === true
      ? [
          {
            key: 'todo',
            icon: <CarryOutOutlined />,
            label: (
              <span className="fp-menu-with-badge" data-testid="nav-todo">
                <span>{t('nav.todo')}</span>
                <TodoBadge count={todoCount} testId="nav-todo-count" />
              </span>
            ),
          },
        ]
      : []),
    ...(me.abilities.canReadCases === true
      ? [{ key: 'cases', icon: <FileSearchOutlined />, label: <span data-testid="nav-cases">{t('nav.cases')}</span> }]
      : []),
  ];
  return children.length > 0
    ? [{ type: 'group' as const, key: 'identification', label: t('nav.identification'), children }]
    : [];
}
