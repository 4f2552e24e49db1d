import { describe, expect, it } from 'vitest';
import { queryFromSearchParams, searchParamsFromQuery } from './search-params';

describe('household search URL state', () => {
  it('reads defaults from an empty URL', () => {
    expect(queryFromSearchParams(new URLSearchParams())).toEqual({ page: 1, pageSize: 20 });
  });

  it('ignores unknown types and bad page numbers', () => {
    expect(queryFromSearchParams(new URLSearchParams('type=rich&page=-3&pageSize=7&q=%20%20'))).toEqual({
      page: 1,
      pageSize: 20,
    });
  });

  it('round-trips a full query', () => {
    const query = { q: '王', type: 'formerlyPoor' as const, regionCode: '451028201', page: 3, pageSize: 50 };
    expect(queryFromSearchParams(searchParamsFromQuery(query))).toEqual(query);
  });
});
