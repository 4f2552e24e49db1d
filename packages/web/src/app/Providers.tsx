import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, onPasswordChangeRequired, onUnauthorized } from '../api/client';
import { queryKeys } from '../api/hooks';
import { theme } from './theme';

function createQueryClient(): QueryClient {
  const client = new QueryClient({
    queryCache: new QueryCache(),
    defaultOptions: {
      queries: {
        // A 4xx answer will not change by asking again; network hiccups on village links will.
        retry: (failureCount, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();

  // Any 401 outside login means the session ended: forget the user; RequireAuth sends them to /login.
  useEffect(() => onUnauthorized(() => queryClient.setQueryData(queryKeys.me, null)), [queryClient]);
  // An administrator asked for a new password meanwhile: reload the user; the shell then shows the change form.
  useEffect(() => onPasswordChangeRequired(() => void queryClient.invalidateQueries({ queryKey: queryKeys.me })), [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme}>
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
