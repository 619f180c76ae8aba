// Page-number paging with RingCentral's EnumeratedPagingModel (docs/emulator.md "Message threads").
export interface EnumeratedPaging {
  page: number;
  perPage: number;
  pageStart?: number;
  pageEnd?: number;
  totalPages: number;
  totalElements: number;
}

export function paginate<T>(
  items: readonly T[],
  page: number,
  perPage: number,
): { records: T[]; paging: EnumeratedPaging } {
  const start = (page - 1) * perPage;
  const records = items.slice(start, start + perPage);
  const paging: EnumeratedPaging = {
    page,
    perPage,
    totalPages: Math.ceil(items.length / perPage),
    totalElements: items.length,
    ...(records.length > 0 ? { pageStart: start, pageEnd: start + records.length - 1 } : {}),
  };
  return { records, paging };
}

/** The legacy account lists also carry `navigation` (first/next/previous/last page links). */
export function navigation(baseUri: string, page: number, perPage: number, totalPages: number) {
  const link = (p: number) => ({
    uri: `${baseUri}${baseUri.includes('?') ? '&' : '?'}page=${p}&perPage=${perPage}`,
  });
  const last = Math.max(totalPages, 1);
  return {
    firstPage: link(1),
    ...(page < last ? { nextPage: link(page + 1) } : {}),
    ...(page > 1 ? { previousPage: link(Math.min(page - 1, last)) } : {}),
    lastPage: link(last),
  };
}
