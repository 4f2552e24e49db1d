import { Card, Empty, Pagination, Spin, type PaginationProps } from 'antd';
import type { ReactNode } from 'react';

/**
 * The pager of a list page whose page and page size live in the URL: on a phone a simple pager
 * without the size changer; a new page size starts again at page 1.
 */
export function listPagination(options: {
  page: number;
  pageSize: number;
  total: number;
  pageSizes: readonly number[];
  isMobile: boolean;
  showTotal: (total: number) => string;
  /** Puts the page and page size into the URL. */
  go: (page: number, pageSize: number) => void;
}): PaginationProps & { total: number } {
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
export function MobileListCard({
  isLoading,
  isEmpty,
  emptyText,
  pagination,
  children,
}: {
  isLoading: boolean;
  isEmpty: boolean;
  emptyText: string;
  pagination: PaginationProps & { total: number };
  children: ReactNode;
}) {
  return (
    <Card size="small" className="fp-list-card">
      <Spin spinning={isLoading}>{isEmpty ? <Empty className="fp-empty" description={emptyText} /> : children}</Spin>
      {pagination.total > 0 ? (
        <div className="fp-mobile-pagination">
          <Pagination {...pagination} />
        </div>
      ) : null}
    </Card>
  );
}
