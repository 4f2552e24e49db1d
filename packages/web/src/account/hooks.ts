import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../api/client';
import { queryKeys } from '../api/hooks';
import type { Me } from '../api/types';

/** Changes the signed-in user's own password; the server ends their other sessions. */
export function useChangeOwnPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      apiFetch<{ user: Me; endedSessions: number }>('/api/auth/password', { method: 'POST', body: input }),
    onSuccess: ({ user }) => queryClient.setQueryData(queryKeys.me, user),
  });
}
