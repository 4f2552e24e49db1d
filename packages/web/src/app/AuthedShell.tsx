import { AppLayout } from './AppLayout';
import { RequireAuth } from './RequireAuth';

/** Everything behind login: the session check and the shell with menu and header. */
export function AuthedShell() {
  return <RequireAuth>{(me) => <AppLayout me={me} />}</RequireAuth>;
}
