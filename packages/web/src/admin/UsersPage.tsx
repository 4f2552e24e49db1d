import { CopyOutlined, DownOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Grid, Input, Result, Select, Skeleton, Tag, Typography, type MenuProps, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, ROLE_LABELS, type Role } from '@fangpin/domain';
import { useRegionTree } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import { formatDateTime } from '../households/age';
import { PagedList } from '../ui/PagedList';
import { PageHeader } from '../ui/PageHeader';
import { useShowProblem } from '../ui/useShowProblem';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { useUserAction, useUsers, type UserAction } from './hooks';
import { DevicesModal } from './DevicesModal';
import { SetPasswordModal } from './SetPasswordModal';
import type { ManagedUser, UserState } from './types';
import { UserFormModal } from './UserFormModal';
import { filterUsers, flattenRegions, userStates, type UserFilter } from './user-model';
import './admin.css';

const STATE_COLORS: Record<UserState, string> = { active: 'green', disabled: 'default', locked: 'red', mustChange: 'orange' };
const STATES: UserState[] = ['active', 'disabled', 'locked', 'mustChange'];

function StateTags({ user }: { user: ManagedUser }) {
  const { t, i18n } = useTranslation();
  return (
    <span className="fp-tag-list" data-testid="user-state">
      {userStates(user).map((s) => (
        <Tag key={s} color={STATE_COLORS[s]} data-state={s} title={s === 'locked' && user.lockedUntil ? t('users.lockedUntil', { time: formatDateTime(user.lockedUntil, i18n.language) }) : undefined}>
          {t(`users.states.${s}`)}
        </Tag>
      ))}
      {user.isDemo ? <Tag color="purple">{t('users.states.demo')}</Tag> : null}
    </span>
  );
}

/** The actions of one account, as a menu: what applies to its state only. */
function UserActions({ user, onAction, isMobile }: { user: ManagedUser; onAction: (user: ManagedUser, action: UserAction | 'set-password' | 'devices') => void; isMobile: boolean }) {
  const { t } = useTranslation();
  if (!user.canManage) return <span className="fp-muted">{t('users.you')}</span>;
  const items: MenuProps['items'] = [
    { key: 'reset-password', label: <span data-testid="user-action-reset-password">{t('users.action.resetPassword')}</span> },
    { key: 'set-password', label: <span data-testid="user-action-set-password">{t('users.action.setPassword')}</span> },
    ...(user.mustChangePassword ? [] : [{ key: 'require-password-change', label: <span data-testid="user-action-require-password-change">{t('users.action.requireChange')}</span> }]),
    ...(user.isLocked ? [{ key: 'unlock', label: <span data-testid="user-action-unlock">{t('users.action.unlock')}</span> }] : []),
    { key: 'devices', label: <span data-testid="user-action-devices">{t('users.action.devices')}</span> },
    { type: 'divider' as const },
    user.isDisabled
      ? { key: 'enable', label: <span data-testid="user-action-enable">{t('users.action.enable')}</span> }
      : { key: 'disable', danger: true, label: <span data-testid="user-action-disable">{t('users.action.disable')}</span> },
  ];
  return (
    <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => onAction(user, key as UserAction | 'set-password' | 'devices') }}>
      <Button size={isMobile ? 'large' : 'middle'} data-testid="user-actions">
        {t('users.more')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}

/** 用户管理: the accounts of the county admin's region, with what an admin does to them. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('users.title'));
  const { message, modal } = App.useApp();
  const showProblem = useShowProblem();
  const screens = Grid.useBreakpoint();
  const isMobile = !(screens.md ?? true);
  const me = useSignedInUser();
  const mayManage = me.abilities.canManageUsers === true;
  const users = useUsers();
  const tree = useRegionTree(mayManage ? me.regionCode : undefined);
  const regions = useMemo(() => (tree.data ? flattenRegions(tree.data) : []), [tree.data]);
  const [filter, setFilter] = useState<UserFilter>({ q: '', role: '', state: '' });
  const [isCreating, setCreating] = useState(false);
  const [passwordFor, setPasswordFor] = useState<ManagedUser | null>(null);
  const [devicesOf, setDevicesOf] = useState<ManagedUser | null>(null);
  const action = useUserAction();

  if (!mayManage) return <Result status="403" title={t('errors.FORBIDDEN')} subTitle={t('users.forbidden')} data-testid="users-forbidden" />;

  const rows = filterUsers(users.data?.items ?? [], filter);
  const roleName = (role: Role) => (i18n.language === 'en' ? ROLE_LABELS[role]?.en : ROLE_LABELS[role]?.zh) ?? role;
  const run = (user: ManagedUser, kind: UserAction, done: (result: { temporaryPassword?: string }) => void) =>
    action.mutateAsync({ user, action: kind }).then(done, (error: unknown) => {
      showProblem(error);
    });

  const onAction = (user: ManagedUser, kind: UserAction | 'set-password' | 'devices') => {
    const name = user.displayName;
    if (kind === 'set-password') return setPasswordFor(user);
    if (kind === 'devices') return setDevicesOf(user);
    if (kind === 'enable') return void run(user, 'enable', () => void message.success(t('users.enabled', { name })));
    if (kind === 'unlock') return void run(user, 'unlock', () => void message.success(t('users.unlocked', { name })));
    const confirm = {
      disable: { title: t('users.disable.confirmTitle', { name }), content: t('users.disable.confirmBody'), okText: t('users.disable.ok'), danger: true },
      'reset-password': { title: t('users.reset.confirmTitle', { name }), content: t('users.reset.confirmBody'), okText: t('users.reset.ok'), danger: false },
      'require-password-change': { title: t('users.requireChange.confirmTitle', { name }), content: t('users.requireChange.confirmBody'), okText: t('users.requireChange.ok'), danger: false },
    }[kind];
    modal.confirm({
      title: confirm.title,
      content: confirm.content,
      okText: confirm.okText,
      cancelText: t('users.form.cancel'),
      okButtonProps: { danger: confirm.danger, 'data-testid': 'user-action-confirm' },
      onOk: () =>
        run(user, kind, (result) => {
          if (kind === 'disable') void message.success(t('users.disable.done', { name }));
          if (kind === 'require-password-change') void message.success(t('users.requireChange.done', { name }));
          if (kind === 'reset-password' && result.temporaryPassword) showTemporaryPassword(user, result.temporaryPassword);
        }),
    });
  };

  const showTemporaryPassword = (user: ManagedUser, password: string) =>
    modal.info({
      title: t('users.reset.resultTitle', { name: user.displayName }),
      okText: t('users.reset.close'),
      width: 460,
      content: (
        <div className="fp-temp-password">
          <Typography.Paragraph>{t('users.reset.resultBody')}</Typography.Paragraph>
          <div className="fp-temp-password-row">
            <code className="fp-mono fp-temp-password-value" data-testid="temporary-password">
              {password}
            </code>
            <Button
              icon={<CopyOutlined />}
              onClick={() =>
                void navigator.clipboard?.writeText(password).then(
                  () => void message.success(t('users.reset.copied')),
                  () => undefined,
                )
              }
            >
              {t('users.reset.copy')}
            </Button>
          </div>
        </div>
      ),
    });

  const columns: TableColumnsType<ManagedUser> = [
    {
      title: t('users.username'),
      key: 'user',
      width: 220,
      render: (_, u) => (
        <span className="fp-stacked">
          <span className="fp-mono" data-testid="user-username">
            {u.username}
          </span>
          <span className="fp-muted fp-small">{u.displayName}</span>
        </span>
      ),
    },
    { title: t('users.role'), dataIndex: 'role', width: 150, render: (role: Role) => roleName(role) },
    { title: t('users.region'), dataIndex: 'regionName', width: 140, render: (name: string | null, u) => name ?? u.regionCode },
    { title: t('users.state'), key: 'state', width: 170, render: (_, u) => <StateTags user={u} /> },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (value: string | null) => (value ? <span className="fp-nowrap">{formatDateTime(value, i18n.language)}</span> : <span className="fp-muted">{t('users.never')}</span>),
    },
    { title: t('users.actions'), key: 'actions', width: 110, render: (_, u) => <UserActions user={u} onAction={onAction} isMobile={false} /> },
  ];

  return (
    <div className="fp-page fp-users-page" data-testid="users-page">
      <PageHeader title={t('users.title')} icon={<TeamOutlined />} subtitle={isMobile ? undefined : t('users.subtitle')}>
        {users.data ? (
          <span className="fp-muted" data-testid="users-total">
            {t('users.total', { count: rows.length })}
          </span>
        ) : null}
        <Button type="primary" icon={<PlusOutlined />} className="fp-users-create" size={isMobile ? 'large' : 'middle'} onClick={() => setCreating(true)} disabled={!tree.data} data-testid="user-create">
          {t('users.create')}
        </Button>
      </PageHeader>
      <Card className="fp-filter-card" size="small">
        <div className="fp-filters">
          <Input.Search
            allowClear
            className="fp-filter-search"
            placeholder={t('users.searchPlaceholder')}
            value={filter.q}
            onChange={(e) => setFilter({ ...filter, q: e.target.value })}
            size={isMobile ? 'large' : 'middle'}
            data-testid="user-search"
          />
          <Select<Role | ''>
            className="fp-filter-type"
            value={filter.role}
            size={isMobile ? 'large' : 'middle'}
            popupMatchSelectWidth={false}
            options={[{ value: '', label: t('users.allRoles') }, ...ROLES.map((r) => ({ value: r, label: roleName(r) }))]}
            onChange={(role) => setFilter({ ...filter, role })}
            aria-label={t('users.role')}
          />
          <Select<UserState | ''>
            className="fp-filter-type"
            value={filter.state}
            size={isMobile ? 'large' : 'middle'}
            options={[{ value: '', label: t('users.allStates') }, ...STATES.map((s) => ({ value: s, label: t(`users.states.${s}`) }))]}
            onChange={(state) => setFilter({ ...filter, state })}
            aria-label={t('users.state')}
          />
        </div>
      </Card>
      {!users.data && !users.isError ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <PagedList<ManagedUser>
          query={users}
          rows={rows}
          emptyText={t('users.empty')}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          rowData={(u) => ({ 'data-testid': 'user-row', 'data-username': u.username })}
          table={{ rowKey: 'id', columns, scroll: { x: 940 } }}
          cards={
            <ul className="fp-user-list">
              {rows.map((u) => (
                <li key={u.id} data-testid="user-row" data-username={u.username}>
                  <div className="fp-user-card-top">
                    <span className="fp-stacked">
                      <strong>{u.displayName}</strong>
                      <span className="fp-mono fp-small" data-testid="user-username">
                        {u.username}
                      </span>
                    </span>
                    <UserActions user={u} onAction={onAction} isMobile />
                  </div>
                  <div className="fp-muted fp-small">
                    {roleName(u.role)} · {u.regionName ?? u.regionCode}
                  </div>
                  <div className="fp-user-card-bottom">
                    <StateTags user={u} />
                    <span className="fp-muted fp-small">{u.lastLoginAt ? formatDateTime(u.lastLoginAt, i18n.language) : t('users.never')}</span>
                  </div>
                </li>
              ))}
            </ul>
          }
        />
      )}
      <UserFormModal open={isCreating} onClose={() => setCreating(false)} regions={regions} />
      <SetPasswordModal user={passwordFor} onClose={() => setPasswordFor(null)} />
      <DevicesModal user={devicesOf} onClose={() => setDevicesOf(null)} />
    </div>
  );
}
