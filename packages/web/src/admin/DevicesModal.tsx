import { App, Button, Empty, List, Modal, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../households/age';
import { ProblemAlert } from '../ui/ProblemAlert';
import { useDeviceSessions, useSignOutDevices } from './hooks';
import type { DeviceSession, ManagedUser } from './types';
import { deviceKind } from './user-model';

/** 手机 · Android · Chrome: the device in words (the full User-Agent is in the tooltip). */
function DeviceName({ session }: { session: DeviceSession }) {
  const { t } = useTranslation();
  const kind = deviceKind(session.userAgent);
  const parts = [kind.system, kind.form ? t(`users.devices.${kind.form}`) : null, kind.browser === 'wechat' ? t('users.devices.wechat') : kind.browser ? `${kind.browser} ${t('users.devices.browser')}` : null].filter(Boolean);
  return (
    <span title={session.userAgent ?? undefined} data-testid="device-name">
      {parts.length > 0 ? parts.join(' · ') : t('users.devices.unknown')}
    </span>
  );
}

/** 登录设备: the devices an account is signed in on; the county admin signs one or all out (issue 15 item 5). */
export function DevicesModal({ user, onClose }: { user: ManagedUser | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const sessions = useDeviceSessions(user);
  const signOut = useSignOutDevices();
  const items = sessions.data?.items ?? [];
  const close = () => {
    signOut.reset();
    onClose();
  };
  const confirm = (sessionId?: string) => {
    if (!user) return;
    void modal.confirm({
      title: sessionId ? t('users.devices.confirmOne') : t('users.devices.confirmAll', { name: user.displayName }),
      content: t('users.devices.confirmBody'),
      okText: t('users.devices.ok'),
      cancelText: t('users.form.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'device-sign-out-confirm' },
      onOk: () =>
        signOut.mutateAsync({ user, ...(sessionId ? { sessionId } : {}) }).then(
          (answer) => void message.success(t('users.devices.done', { count: answer.endedSessions })),
          () => undefined,
        ),
    });
  };
  return (
    <Modal
      open={!!user}
      title={user ? t('users.devices.title', { name: user.displayName }) : ''}
      onCancel={close}
      destroyOnHidden
      width={560}
      footer={[
        items.length > 1 ? (
          <Button key="all" danger onClick={() => confirm()} data-testid="device-sign-out-all">
            {t('users.devices.signOutAll')}
          </Button>
        ) : null,
        <Button key="close" onClick={close}>
          {t('users.devices.close')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('users.devices.intro')}</Typography.Paragraph>
      <ProblemAlert error={sessions.error ?? signOut.error} className="fp-section" testId="devices-error" />
      {sessions.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.devices.empty')} />
      ) : (
        <List
          className="fp-device-list"
          dataSource={items}
          rowKey="id"
          renderItem={(s) => (
            <List.Item
              data-testid="device-row"
              actions={[
                <Button key="out" danger size="large" onClick={() => confirm(s.id)} data-testid="device-sign-out">
                  {t('users.devices.signOut')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={<DeviceName session={s} />}
                description={
                  <span className="fp-small">
                    {t('users.devices.signedInAt')} {formatDateTime(s.signedInAt, i18n.language)} · {t('users.devices.lastSeen')} {formatDateTime(s.lastSeenAt, i18n.language)}
                  </span>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
