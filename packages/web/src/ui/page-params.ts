/** The page size a list page opens with. */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * A list page's page and page size from the address bar: the page a positive integer (else 1),
 * the size one of `sizes` (else DEFAULT_PAGE_SIZE).
 */
export function pagingFromParams(
  params: URLSearchParams,
  sizes: readonly number[],
): { page: number; pageSize: number } {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: sizes.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** Writes the page and page size into the address bar, leaving out the defaults. */
export function setPaging(
  params: URLSearchParams,
  { page, pageSize }: { page: number; pageSize: number },
): URLSearchParams {
  if (page > 1) params.set('page', String(page));
  if (pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(pageSize));
  return params;
}
