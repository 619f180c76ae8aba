// The label of the field a value is shown in, read the ways CRMs lay fields out: a table or ARIA grid
// column header, a <dt> before a <dd>, a <label> for an input, or a short text element just before it.

const MAX_LABEL = 40;

/** Column headers per table or grid, kept for one scan. */
export type HeaderCache = WeakMap<Element, string[]>;

export function genericFieldLabel(el: Element, headers: HeaderCache): string | undefined {
  // One ancestor walk for both layouts; the nearer one names the field.
  const holder = el.closest('td,th,[role=gridcell],[role=cell],dd');
  if (holder && holder.nodeName === 'DD' && !isCell(holder)) return shortText(holder.previousElementSibling);
  if (holder) return columnHeader(holder, headers);
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length > 0) return shortText(labels[0]!);
  // <div><span class="label">Order #</span><span>4155550100</span></div>, up to two levels up.
  for (let e: Element | null = el, depth = 0; e && depth < 3; e = e.parentElement, depth++) {
    const previous = e.previousElementSibling;
    if (previous) return shortText(previous);
  }
  return undefined;
}

function isCell(el: Element): boolean {
  const role = el.getAttribute('role');
  return role === 'gridcell' || role === 'cell';
}

function shortText(el: Element | null): string | undefined {
  const text = el?.textContent?.trim();
  return text && text.length <= MAX_LABEL && !/\d/.test(text) ? text : undefined;
}

function columnHeader(cell: Element, headers: HeaderCache): string | undefined {
  const grid = cell.closest('table,[role=grid],[role=treegrid],[role=table]');
  if (!grid) return undefined;
  let names = headers.get(grid);
  if (!names) {
    names = headerNames(grid);
    headers.set(grid, names);
  }
  // Column indexes ignore colspan, which CRM lists rarely use in their data rows.
  const colIndex = Number(cell.getAttribute('aria-colindex'));
  return names[colIndex > 0 ? colIndex - 1 : indexAmongSiblings(cell)];
}

function headerNames(grid: Element): string[] {
  const cells =
    grid.nodeName === 'TABLE' ? tableHeaderCells(grid) : grid.querySelectorAll('[role=columnheader]');
  return Array.from(cells, (c) => c.textContent?.trim() ?? '');
}

/** The cells of a table's <thead> row, or of its first row when that holds <th>s. */
function tableHeaderCells(table: Element): Element[] {
  let firstRow: Element | undefined;
  for (let part = table.firstElementChild; part; part = part.nextElementSibling) {
    const row = part.nodeName === 'TR' ? part : part.firstElementChild;
    if (!row || row.nodeName !== 'TR') continue;
    if (part.nodeName === 'THEAD') return Array.from(row.children);
    firstRow ??= row;
  }
  return firstRow?.querySelector('th') ? Array.from(firstRow.children) : [];
}

function indexAmongSiblings(el: Element): number {
  let i = 0;
  for (let s = el.previousElementSibling; s; s = s.previousElementSibling) i++;
  return i;
}
