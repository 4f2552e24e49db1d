import { describe, expect, it, vi } from 'vitest';
import { listPagination } from './PagedList';

describe('listPagination', () => {
  const base = { page: 3, pageSize: 20, total: 95, pageSizes: [20, 50], showTotal: (n: number) => `共 ${n} 条` };

  it('moves to the chosen page, and back to page 1 when the page size changes', () => {
    const go = vi.fn();
    const pager = listPagination({ ...base, isMobile: false, go });
    pager.onChange!(4, 20);
    pager.onChange!(4, 50);
    expect(go.mock.calls).toEqual([
      [4, 20],
      [1, 50],
    ]);
    expect(pager).toMatchObject({
      current: 3,
      pageSize: 20,
      total: 95,
      pageSizeOptions: ['20', '50'],
      showSizeChanger: true,
      simple: false,
    });
  });

  it('is a simple pager without the size changer on a phone', () => {
    expect(listPagination({ ...base, isMobile: true, go: vi.fn() })).toMatchObject({
      showSizeChanger: false,
      simple: true,
    });
  });
});
