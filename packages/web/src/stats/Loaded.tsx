import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { ErrorState } from '../ui/ErrorState';

/** A statistics query's body: the error with a retry, a spinner until the first answer, then the page. */
export function Loaded<T>({
  query,
  children,
}: {
  query: { isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined)
    return (
      <div className="fp-stats-loading">
        <Spin />
      </div>
    );
  return <>{children(query.data)}</>;
}
