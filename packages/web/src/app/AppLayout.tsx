import {
  AlertOutlined,
  BarChartOutlined,
  FieldTimeOutlined,
  CloudUploadOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  EyeOutlined,
  HistoryOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  PhoneOutlined,
  SearchOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Spin, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { worksOnAssignedHouseholds } from '@fangpin/domain';
import { Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { useLogout } from '../api/hooks';
import type { Me } from '../api/types';
import { caseMenuItems, CASE_MENU_PATHS } from '../cases/case-menu';
import { useCaseTodo } from '../cases/hooks';
import { intakeItems } from '../hotline/intake-menu';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { BottomNav } from './BottomNav';
import { useShowProblem } from '../ui/useShowProblem';

const { Header, Sider, Content, Footer } = Layout;

function Brand({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="fp-brand">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {collapsed ? null : <span className="fp-brand-name">{t('app.brand')}</span>}
    </div>
  );
}

/** Menu key → the path it opens (and the path prefix that selects it). */
const MENU_PATHS: readonly (readonly [string, string])[] = [
  ['households', '/households'],
  ['monitoring', '/monitoring'],
  ['rules', '/rules'],
  ['department-import', '/department/import'],
  ['department-batches', '/department/batches'],
  ['department-sources', '/department/sources'],
  ['warnings', '/warnings'],
  // Longer paths first: the first prefix that matches selects the entry.
  ['hotline-records', '/hotline/records'],
  ['hotline', '/hotline'],
  ['visits', '/visits'],
  ['posters', '/apply/posters'],
  ['users', '/admin/users'],
  ['deadlines', '/stats/deadlines'],
  ['statistics', '/stats'],
  ['county-settings', '/admin/county-settings'],
  ...CASE_MENU_PATHS,
];

/**
 * The side menu (and the phone's drawer), built from the abilities of /api/me so each role sees
 * what it may use and nothing else: no role names here (the domain decides, the server sends it).
 */
function SideMenu({ me, todoCount, onNavigate }: { me: Me; todoCount: number; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const selected = MENU_PATHS.find(([, path]) => location.pathname.startsWith(path))?.[0] ?? '';
  const { abilities } = me;
  const departmentItems: NonNullable<MenuProps['items']> = [
    ...(abilities.canImportDepartment === true
      ? [
          {
            key: 'department-import',
            icon: <CloudUploadOutlined />,
            label: <span data-testid="nav-department-import">{t('nav.departmentImport')}</span>,
          },
        ]
      : []),
    ...(abilities.canReadDepartmentImports === true
      ? [
          {
            key: 'department-batches',
            icon: <HistoryOutlined />,
            label: <span data-testid="nav-department-batches">{t('nav.departmentBatches')}</span>,
          },
        ]
      : []),
    ...(abilities.canReadWarnings === true
      ? [
          {
            key: 'warnings',
            icon: <AlertOutlined />,
            label: <span data-testid="nav-warnings">{t('nav.warnings')}</span>,
          },
        ]
      : []),
    ...(abilities.canReadDepartmentImports === true
      ? [
          {
            key: 'department-sources',
            icon: <DatabaseOutlined />,
            label: <span data-testid="nav-department-sources">{t('nav.departmentSources')}</span>,
          },
        ]
      : []),
  ];
  const settingsItems: NonNullable<MenuProps['items']> = [
    ...(abilities.canReviewRules === true
      ? [{ key: 'rules', icon: <SettingOutlined />, label: <span data-testid="nav-rules">{t('nav.rules')}</span> }]
      : []),
    // Account administration: county admins only.
    ...(abilities.canManageUsers === true
      ? [{ key: 'users', icon: <TeamOutlined />, label: <span data-testid="nav-users">{t('nav.users')}</span> }]
      : []),
    // The county's own settings (the supervision number on notices and posters): county admins only.
    ...(abilities.canManageCountySettings === true
      ? [
          {
            key: 'county-settings',
            icon: <PhoneOutlined />,
            label: <span data-testid="nav-county-settings">{t('nav.countySettings')}</span>,
          },
        ]
      : []),
  ];
  const items: MenuProps['items'] = [
    ...caseMenuItems(me, t, todoCount),
    // Department data clerks read no household records.
    ...(abilities.canReadHouseholds === true
      ? [
          {
            type: 'group' as const,
            key: 'registry',
            label: t('nav.registry'),
            children: [
              {
                key: 'households',
                icon: <SearchOutlined />,
                label: <span data-testid="nav-households">{t('nav.households')}</span>,
              },
            ],
          },
          {
            type: 'group' as const,
            key: 'assistance',
            label: t('nav.assistance'),
            children: [
              {
                key: 'monitoring',
                icon: <EyeOutlined />,
                label: <span data-testid="nav-monitoring">{worksOnAssignedHouseholds(me.role) ? t('nav.myHouseholds') : t('nav.monitoring')}</span>,
              },
            ],
          },
        ]
      : []),
    ...(abilities.canReadStats === true
      ? [
          {
            type: 'group' as const,
            key: 'analysis',
            label: t('nav.analysis'),
            children: [
              { key: 'statistics', icon: <BarChartOutlined />, label: <span data-testid="nav-statistics">{t('nav.statistics')}</span> },
              { key: 'deadlines', icon: <FieldTimeOutlined />, label: <span data-testid="nav-deadlines">{t('nav.deadlines')}</span> },
            ],
          },
        ]
      : []),
    ...intakeItems(me, t),
    ...(departmentItems.length > 0
      ? [{ type: 'group' as const, key: 'department', label: t('nav.department'), children: departmentItems }]
      : []),
    ...(settingsItems.length > 0
      ? [{ type: 'group' as const, key: 'settings', label: t('nav.settings'), children: settingsItems }]
      : []),
    {
      type: 'group',
      key: 'later',
      label: t('nav.comingSoon'),
      children: [
        { key: 'clues', icon: <HomeOutlined />, label: t('nav.clues'), disabled: true },
      ],
    },
  ];
  return (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      data-testid="side-menu"
      onClick={({ key }) => {
        const path = MENU_PATHS.find(([k]) => k === key)?.[1];
        if (path) void navigate(path);
        onNavigate?.();
      }}
    />
  );
}

export function AppLayout({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const isDesktop = screens.lg ?? true;
  const isNarrow = !(screens.md ?? true);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const logout = useLogout();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const showProblem = useShowProblem();
  const roleLabel = i18n.language === 'en' ? me.roleLabel.en : me.roleLabel.zh;
  // What waits for this user: the badge on 待办 and on the phone's menu button.
  const todo = useCaseTodo(me.abilities.hasTodo === true);
  const todoCount = todo.data?.count ?? 0;

  const doLogout = () =>
    logout.mutate(undefined, {
      onSuccess: () => void navigate('/login', { replace: true }),
      onError: (error) => {
        showProblem(error);
        void navigate('/login', { replace: true });
      },
    });

  const userMenu: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <span className="fp-menu-info">
          {me.displayName} · {roleLabel}
        </span>
      ),
    },
    {
      key: 'region',
      disabled: true,
      icon: <EnvironmentOutlined />,
      label: <span className="fp-menu-info">{me.regionName}</span>,
    },
    { type: 'divider' },
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="nav-change-password">{t('header.changePassword')}</span>,
      onClick: () => void navigate('/account/password'),
    },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true, onClick: doLogout },
  ];

  // Village and helping cadres on a phone: the bottom navigation, within reach of a thumb.
  const hasBottomNav = isNarrow && me.abilities.worksInTheField;

  return (
    <Layout className={hasBottomNav ? 'fp-shell fp-shell-with-bottom-nav' : 'fp-shell'}>
      {isDesktop ? (
        <Sider width={224} className="fp-sider">
          <div className="fp-sider-inner">
            <Brand />
            <SideMenu me={me} todoCount={todoCount} />
          </div>
        </Sider>
      ) : (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={248}
          closable={false}
          styles={{ body: { padding: 0, background: '#10264f' } }}
        >
          <Brand />
          <SideMenu me={me} todoCount={todoCount} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Header className="fp-header">
          <div className="fp-header-left">
            {isDesktop ? null : (
              <>
                <Badge
                  count={todoCount}
                  overflowCount={99}
                  size="small"
                  offset={[-6, 6]}
                  data-testid="menu-toggle-count"
                >
                  <Button
                    type="text"
                    icon={<MenuOutlined />}
                    aria-label={todoCount > 0 ? t('nav.menuWithTodo', { count: todoCount }) : t('nav.menu')}
                    onClick={() => setDrawerOpen(true)}
                    className="fp-menu-toggle"
                    data-testid="menu-toggle"
                  />
                </Badge>
                <span className="fp-header-title">{t('app.shortName')}</span>
                {isNarrow ? (
                  <span className="fp-region fp-region-small" data-testid="user-region-mobile">
                    {me.regionName}
                  </span>
                ) : null}
              </>
            )}
          </div>
          <div className="fp-header-right">
            {isNarrow ? null : (
              <span className="fp-region" data-testid="user-region" title={t('header.region')}>
                <EnvironmentOutlined /> {me.regionName}
              </span>
            )}
            <LanguageSwitch compact={isNarrow} />
            <Dropdown menu={{ items: userMenu }} trigger={['click']} placement="bottomRight">
              <button type="button" className="fp-user" data-testid="user-menu">
                <Avatar size={30} icon={<UserOutlined />} className="fp-avatar" />
                {isNarrow ? null : (
                  <span className="fp-user-text">
                    <span className="fp-user-name" data-testid="user-display-name">
                      {me.displayName}
                    </span>
                    <span className="fp-user-role" data-testid="user-role">
                      {roleLabel}
                    </span>
                  </span>
                )}
              </button>
            </Dropdown>
            {isNarrow ? null : (
              <Button icon={<LogoutOutlined />} onClick={doLogout} loading={logout.isPending} data-testid="logout">
                {t('header.logout')}
              </Button>
            )}
          </div>
        </Header>
        <Content className="fp-content">
          {navigation.state === 'loading' ? <div className="fp-route-progress" /> : null}
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </Content>
        <Footer className="fp-footer">{t('app.footer')}</Footer>
        {hasBottomNav ? <BottomNav me={me} todoCount={todoCount} onMore={() => setDrawerOpen(true)} /> : null}
      </Layout>
    </Layout>
  );
}
