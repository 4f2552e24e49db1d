import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../api/client';
import type { DeviceSession, ManagedUser } from './types';

const USERS_KEY = ['users'] as const;

/** The accounts of the admin's region (a county has hundreds at most: filtered in the page). */
export function useUsers() {
  return useQuery({
    queryKey: USERS_KEY,
    queryFn: ({ signal }) => apiFetch<{ items: ManagedUser[] }>('/api/users', { signal }),
  });
}

export interface NewUser {
  username: string;
  displayName?: string;
  role: string;
  region: string;
  password: string;
  mustChangePassword: boolean;
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewUser) => apiFetch<{ user: ManagedUser }>('/api/users', { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export type UserAction = 'disable' | 'enable' | 'unlock' | 'require-password-change' | 'reset-password';

/** One administrative action on an account; the list is reloaded afterwards. */
export function useUserAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, action }: { user: ManagedUser; action: UserAction }) =>
      apiFetch<{ user: ManagedUser; temporaryPassword?: string; endedSessions?: number }>(
        `/api/users/${encodeURIComponent(user.id)}/${action}`,
        { method: 'POST' },
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useSetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, password, mustChangePassword }: { user: ManagedUser; password: string; mustChangePassword: boolean }) =>
      apiFetch<{ user: ManagedUser; endedSessions: number }>(`/api/users/${encodeURIComponent(user.id)}/password`, {
        method: 'POST',
        body: { password, mustChangePassword },
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

/** The devices an account is signed in on (用户管理 → 登录设备); only while the dialog is open. */
export function useDeviceSessions(user: ManagedUser | null) {
  return useQuery({
    queryKey: ['users', user?.id, 'sessions'],
    enabled: !!user,
    queryFn: ({ signal }) => apiFetch<{ items: DeviceSession[] }>(`/api/users/${encodeURIComponent(user!.id)}/sessions`, { signal }),
  });
}

/** Signs one device of an account out (`sessionId`) or all of them. */
export function useSignOutDevices() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, sessionId }: { user: ManagedUser; sessionId?: string }) =>
      apiFetch<{ endedSessions: number; items: DeviceSession[] }>(`/api/users/${encodeURIComponent(user.id)}/sign-out`, { method: 'POST', body: sessionId ? { sessionId } : {} }),
    onSuccess: (answer, { user }) => queryClient.setQueryData(['users', user.id, 'sessions'], { items: answer.items }),
  });
}
