import { App as AntdApp } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { ForcedPasswordChangePage } from '../account/ForcedPasswordChangePage';
import { AppLayout } from './AppLayout';
import { RequireAuth } from './RequireAuth';

const PASSWORD_PAGE = '/account/password';

/**
 * Everything behind login: the session check and the shell with menu and header — or, while an
 * administrator requires it, only the form to choose a new password, at /account/password. antd's
 * App (the message, notification and modal hooks the pages use) starts here, not in Providers, so
 * the login and public application pages do not download it.
 */
export function AuthedShell() {
  const location = useLocation();
  return (
    <AntdApp>
      <RequireAuth>
        {(me) =>
          !me.mustChangePassword ? (
            <AppLayout me={me} />
          ) : location.pathname === PASSWORD_PAGE ? (
            <ForcedPasswordChangePage me={me} />
          ) : (
            <Navigate to={PASSWORD_PAGE} replace />
          )
        }
      </RequireAuth>
    </AntdApp>
  );
}
