import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button } from 'antd';
// The input and the password input by themselves: `Input` from 'antd' carries TextArea, Search and
// OTP as its properties, which no bundler can leave out.
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useLogin, useMe } from '../api/hooks';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Notice } from '../ui/Notice';
import { Panel } from '../ui/Panel';
import { PlainField } from '../ui/PlainField';
import { useDescribedError } from '../ui/problem';
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
  // A plain form, not antd's Form: with two fields its field store, validator and label tooltips
  // are ≈ 45 KB of JavaScript the first page would download on a village phone.
  const [values, setValues] = useState<LoginForm>({ username: '', password: '' });
  // Empty fields are pointed out once the user tried to sign in, and clear as they are filled.
  const [isSubmitted, setIsSubmitted] = useState(false);
  // The failure's reason (how many attempts lock the account, for how long) loads its text on demand.
  const error = useDescribedError(t, login.error, i18n.language);

  // Signed in: on to the target. After every hook: returning earlier would render fewer hooks than
  // the form did the moment the sign-in succeeds (React error #300, the page crashed).
  if (me.data && !login.isPending) return <Navigate to={target} replace />;
  const missing = {
    username: isSubmitted && values.username.trim() === '',
    password: isSubmitted && values.password === '',
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsSubmitted(true);
    if (values.username.trim() === '' || values.password === '') return;
    login.mutate(values, { onSuccess: () => void navigate(target, { replace: true }) });
  };
  const change = (field: keyof LoginForm) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((previous) => ({ ...previous, [field]: value }));
  };


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
            <Notice type="error" className="fp-login-error" title={error.title} detail={error.detail || undefined} testId="login-error" />
          ) : null}
          <form className="fp-login-form" onSubmit={onSubmit} noValidate autoComplete="on">
            <PlainField
              id="login-username"
              label={t('login.username')}
              error={missing.username ? t('login.usernameRequired') : null}
            >
              {(aria) => (
                <Input
                  {...aria}
                  name="username"
                  size="large"
                  prefix={<UserOutlined />}
                  autoComplete="username"
                  autoCapitalize="none"
                  value={values.username}
                  onChange={change('username')}
                  data-testid="login-username"
                />
              )}
            </PlainField>
            <PlainField
              id="login-password"
              label={t('login.password')}
              error={missing.password ? t('login.passwordRequired') : null}
            >
              {(aria) => (
                <Password
                  {...aria}
                  name="password"
                  size="large"
                  prefix={<LockOutlined />}
                  autoComplete="current-password"
                  value={values.password}
                  onChange={change('password')}
                  data-testid="login-password"
                />
              )}
            </PlainField>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              block
              loading={login.isPending}
              data-testid="login-submit"
            >
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
