import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useLogin, useMe } from '../api/hooks';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { describeError } from '../ui/problem';
import { useDocumentTitle } from '../ui/useDocumentTitle';

interface LoginForm {
  username: string;
  password: string;
}

function redirectTarget(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login') return from;
  }
  // The start page depends on the role (see the index route).
  return '/';
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('login.title'));
  const login = useLogin();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const target = redirectTarget(location.state);

  if (me.data && !login.isPending) return <Navigate to={target} replace />;

  const onFinish = (values: LoginForm) =>
    login.mutate(values, { onSuccess: () => void navigate(target, { replace: true }) });

  const error = login.error ? describeError(t, login.error, i18n.language) : null;

  return (
    <div className="fp-login">
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
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </div>
        </div>
        <Card className="fp-login-card" title={t('login.title')}>
          {error ? (
            <Alert
              type="error"
              showIcon
              className="fp-login-error"
              title={error.title}
              description={error.detail || undefined}
              data-testid="login-error"
            />
          ) : null}
          <Form<LoginForm> layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoCapitalize="none"
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="fp-login-hint">
            {t('login.hint')}
          </Typography.Paragraph>
        </Card>
        <div className="fp-login-footer">{t('app.footer')}</div>
      </div>
    </div>
  );
}
