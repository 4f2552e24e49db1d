import { LogoutOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout } from '../api/hooks';
import type { Me } from '../api/types';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { ChangePasswordForm } from './ChangePasswordForm';

/**
 * What a user whose password an administrator set sees, whatever address they open, until they
 * choose their own: no menu, only this form and sign-out (the server refuses everything else).
 */
export function ForcedPasswordChangePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  useDocumentTitle(t('account.forcedTitle'));
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <div className="fp-login" data-testid="forced-password-page">
      <div className="fp-login-lang">
        <LanguageSwitch />
      </div>
      <div className="fp-login-panel">
        <div className="fp-login-brand">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">
              {me.displayName === me.username ? me.username : `${me.displayName} · ${me.username}`}
            </Typography.Text>
          </div>
        </div>
        <Card className="fp-login-card" title={t('account.forcedTitle')}>
          <Typography.Paragraph>{t('account.forcedIntro')}</Typography.Paragraph>
          <ChangePasswordForm me={me} onDone={() => void navigate('/', { replace: true })} />
          <Button
            type="link"
            block
            icon={<LogoutOutlined />}
            className="fp-forced-logout"
            loading={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
            data-testid="forced-logout"
          >
            {t('account.logout')}
          </Button>
        </Card>
      </div>
    </div>
  );
}
