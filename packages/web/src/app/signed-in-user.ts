import { useSuspenseQuery } from '@tanstack/react-query';
import { meQuery } from '../api/hooks';
import type { Me } from '../api/types';

/**
 * The signed-in user, for every page behind the login. The shell (RequireAuth) renders pages only
 * once the session is known, so here it is always there: no `me.data?.`, no `XxxPage → XxxPageFor`
 * pair to get past `undefined`. Outside the shell (a component test) it suspends until /api/auth/me
 * answers. Without a session it throws: RequireAuth has already sent the visitor to /login.
 */
export function useSignedInUser(): Me {
  const { data } = useSuspenseQuery(meQuery);
  if (!data) throw new Error('useSignedInUser is for pages behind the login (RequireAuth)');
  return data;
}
