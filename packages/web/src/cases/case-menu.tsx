import { CarryOutOutlined, FileSearchOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { ROLE_ACTIONS } from '@fangpin/domain';
import type { Me } from '../api/types';

/** Menu key → path of the identification pages (longer paths first, as in AppLayout). */
export const CASE_MENU_PATHS: readonly (readonly [string, string])[] = [
  ['todo', '/todo'],
  ['cases', '/cases'],
];

/** Whether the role reads identification cases (the server's `case.read`). */
export function canReadCases(role: Me['role']): boolean {
  return (ROLE_ACTIONS[role] as readonly string[]).includes('case.read');
}

/** The side-menu group 识别认定: 待办 and 案件, for the roles that read cases. */
export function caseMenuItems(me: Me, t: TFunction): NonNullable<MenuProps['items']> {
  if (!canReadCases(me.role)) return [];
  return [
    {
      type: 'group' as const,
      key: 'identification',
      label: t('nav.identification'),
      children: [
        { key: 'todo', icon: <CarryOutOutlined />, label: <span data-testid="nav-todo">{t('nav.todo')}</span> },
        { key: 'cases', icon: <FileSearchOutlined />, label: <span data-testid="nav-cases">{t('nav.cases')}</span> },
      ],
    },
  ];
}
