import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
// The input and the password input by themselves: `Input` from 'antd' carries TextArea, Search and
// OTP as its properties, which no bundler can leave out.
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useLogin, useMe } from '../api/hooks';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Panel } from '../ui/Panel';
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

  // A plain form, not antd's Form: with two fields its field store, validator and label tooltips
  // are ≈ 45 KB of JavaScript the first page would download on a village phone.
  const [values, setValues] = useState<LoginForm>({ username: '', password: '' });
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const nextMissing = { username: values.username.trim() === '', password: values.password === '' };
    setMissing(nextMissing);
    if (nextMissing.username || nextMissing.password) return;
    login.mutate(values, { onSuccess: () => void navigate(target, { replace: true }) });
  };
  const change = (field: keyof LoginForm) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((previous) => ({ ...previous, [field]: value }));
    if (missing[field]) setMissing((previous) => ({ ...previous, [field]: field === 'username' ? value.trim() === '' : value === '' }));
  };

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
            {/* Plain elements, not antd Typography: it would add ≈ 25 KB to the first download on 3G. */}
            <h1 className="fp-login-title">{t('app.name')}</h1>
            <p className="fp-login-subtitle">{t('app.subtitle')}</p>
          </div>
        </div>
        <Panel className="fp-login-card" title={t('login.title')}>
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
          <form className="fp-login-form" onSubmit={onSubmit} noValidate autoComplete="on">
            <div className="fp-login-field">
              <label htmlFor="login-username">{t('login.username')}</label>
              <Input
                id="login-username"
                name="username"
                size="large"
                prefix={<UserOutlined />}
                autoComplete="username"
                autoCapitalize="none"
                value={values.username}
                onChange={change('username')}
                status={missing.username ? 'error' : undefined}
                aria-invalid={missing.username || undefined}
                aria-describedby={missing.username ? 'login-username-error' : undefined}
                data-testid="login-username"
              />
              {missing.username ? (
                <div id="login-username-error" className="fp-login-field-error" role="alert">
                  {t('login.usernameRequired')}
                </div>
              ) : null}
            </div>
            <div className="fp-login-field">
              <label htmlFor="login-password">{t('login.password')}</label>
              <Password
                id="login-password"
                name="password"
                size="large"
                prefix={<LockOutlined />}
                autoComplete="current-password"
                value={values.password}
                onChange={change('password')}
                status={missing.password ? 'error' : undefined}
                aria-invalid={missing.password || undefined}
                aria-describedby={missing.password ? 'login-password-error' : undefined}
                data-testid="login-password"
              />
              {missing.password ? (
                <div id="login-password-error" className="fp-login-field-error" role="alert">
                  {t('login.passwordRequired')}
                </div>
              ) : null}
            </div>
            <Button type="primary" htmlType="submit" size="large" block loading={login.isPending} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </form>
          <p className="fp-login-hint">{t('login.hint')}</p>
        </Panel>
        <div className="fp-login-footer">{t('app.footer')}</div>
      </div>
    </div>
  );
}
