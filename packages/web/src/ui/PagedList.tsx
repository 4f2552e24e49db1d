import { Card, Empty, Grid, Pagination, Spin, Table, type PaginationProps, type TableProps } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { ErrorState } from './ErrorState';

/** A list page's pages, kept in the URL (its page-params module). */
export type Paging = {
  page: number;
  pageSize: number;
  total: number;
  pageSizes: readonly number[];
  showTotal: (total: number) => string;
  /** Puts the page and page size into the URL. */
  go: (page: number, pageSize: number) => void;
};

/** The pages of a list whose query (with its page and page size) lives in the URL; `setQuery` puts a query there. */
export function urlPaging<Q extends { page: number; pageSize: number }>(
  query: Q,
  total: number | undefined,
  pageSizes: readonly number[],
  showTotal: (total: number) => string,
  setQuery: (next: Q) => void,
): Paging {
  return { page: query.page, pageSize: query.pageSize, total: total ?? 0, pageSizes, showTotal, go: (page, pageSize) => setQuery({ ...query, page, pageSize }) };
}

/**
 * The pager of a list page whose page and page size live in the URL: on a phone a simple pager
 * without the size changer; a new page size starts again at page 1.
 */
export function listPagination(options: Paging & { isMobile: boolean }): PaginationProps & { total: number } {
  const { page, pageSize, total, pageSizes, isMobile, showTotal, go } = options;
  return {
    current: page,
    pageSize,
    total,
    showSizeChanger: !isMobile,
    pageSizeOptions: pageSizes.map(String),
    showTotal,
    simple: isMobile,
    onChange: (nextPage, nextSize) => go(nextSize === pageSize ? nextPage : 1, nextSize),
  };
}

/** A list page on a phone: cards instead of a table, a spinner while loading, the empty text, the pager below. */
function MobileListCard({
  isLoading,
  isEmpty,
  emptyText,
  pagination,
  children,
}: {
  isLoading: boolean;
  isEmpty: boolean;
  emptyText: string;
  pagination: PaginationProps | false | undefined;
  children: ReactNode;
}) {
  return (
    <Card size="small" className="fp-list-card">
      <Spin spinning={isLoading}>{isEmpty ? <Empty className="fp-empty" description={emptyText} /> : children}</Spin>
      {pagination && (pagination.total ?? 0) > 0 ? (
        <div className="fp-mobile-pagination">
          <Pagination {...pagination} />
        </div>
      ) : null}
    </Card>
  );
}

/** What a list needs of its React Query result. */
export type ListQuery = {
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  isPending: boolean;
  isPlaceholderData?: boolean;
};

/**
 * The body of a list page (below its filter card): the error with a retry, or the rows — a table
 * on a computer, the page's own cards on a phone (when it gives `cards`) — with the empty text and
 * the pager. `paging` is a server-side list whose page lives in the URL; `pagination` antd's own
 * pager over rows that are all loaded.
 */
export function PagedList<T extends object>({
  query,
  rows,
  emptyText,
  paging,
  pagination = false,
  cards,
  rowData,
  table,
}: {
  query: ListQuery;
  rows: T[];
  emptyText: string;
  paging?: Paging;
  pagination?: TableProps<T>['pagination'];
  /** The rows as the phone shows them; without it the table shows on every screen. */
  cards?: ReactNode;
  /** The attributes of a table row (data-testid and the ids the journeys read). */
  rowData?: (row: T) => Record<string, string | null | undefined>;
  table: Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'locale' | 'onRow'>;
}) {
  const screens = Grid.useBreakpoint();
  const isMobile = cards !== undefined && !(screens.md ?? true);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const isLoading = query.isPending || Boolean(query.isPlaceholderData);
  const pager = paging ? listPagination({ ...paging, isMobile }) : pagination;
  if (isMobile) {
    return (
      <MobileListCard isLoading={isLoading} isEmpty={!query.isPending && rows.length === 0} emptyText={emptyText} pagination={pager}>
        {cards}
      </MobileListCard>
    );
  }
  return (
    <Card size="small" className="fp-table-card">
      <Table<T>
        size="middle"
        {...table}
        dataSource={rows}
        loading={isLoading}
        pagination={pager}
        locale={{ emptyText: <Empty description={emptyText} /> }}
        onRow={rowData ? (row) => rowData(row) as HTMLAttributes<HTMLElement> : undefined}
      />
    </Card>
  );
}
