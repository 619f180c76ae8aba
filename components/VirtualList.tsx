// A windowed listbox: fixed row height, only the visible rows plus an overscan are in the DOM, so thousands
// of threads scroll smoothly. Keyboard follows the listbox pattern with aria-activedescendant.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  getKey: (item: T) => string;
  /** The option's accessible name (e.g. the customer). */
  /** An option is named by its whole visible text (WCAG 2.5.3); the ids let rows point at their parts. */
  renderRow: (
    item: T,
    info: { index: number; active: boolean; labelId: string; descriptionId: string },
  ) => ComponentChildren;
  onActivate: (item: T) => void;
  label: string;
  id: string;
  overscan?: number;
  /** Height used before the list is measured (and where layout is unavailable, e.g. in tests). */
  fallbackHeight?: number;
  onEndReached?: () => void;
  testId?: string;
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, overscan = 6, fallbackHeight = 600 } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(fallbackHeight);
  const [active, setActive] = useState(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || fallbackHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [fallbackHeight]);

  const clampedActive = Math.min(active, Math.max(0, items.length - 1));
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  useEffect(() => {
    if (props.onEndReached && items.length > 0 && last >= items.length - 2) props.onEndReached();
  }, [last, items.length]);

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(items.length - 1, index));
    setActive(next);
    const el = ref.current;
    if (!el) return;
    const top = next * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
    setScrollTop(el.scrollTop);
  }

  function onKeyDown(e: KeyboardEvent) {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: clampedActive + 1,
      ArrowUp: clampedActive - 1,
      PageDown: clampedActive + page,
      PageUp: clampedActive - page,
      Home: 0,
      End: items.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]!);
    } else if ((e.key === 'Enter' || e.key === ' ') && items[clampedActive]) {
      e.preventDefault();
      props.onActivate(items[clampedActive]);
    }
  }

  const optionId = (index: number) => `${props.id}-${index}`;
  const rows = [];
  for (let index = first; index < last; index++) {
    const item = items[index]!;
    const isActive = index === clampedActive;
    rows.push(
      <div
        key={props.getKey(item)}
        id={optionId(index)}
        role="option"
        aria-selected={isActive}
        aria-setsize={items.length}
        aria-posinset={index + 1}
        class="vlist-row"
        style={{ top: `${index * rowHeight}px`, height: `${rowHeight}px` }}
        onClick={() => {
          setActive(index);
          props.onActivate(item);
        }}
      >
        {props.renderRow(item, {
          index,
          active: isActive,
          labelId: `${optionId(index)}-name`,
          descriptionId: `${optionId(index)}-desc`,
        })}
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      id={props.id}
      class="vlist"
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={items.length ? optionId(clampedActive) : undefined}
      data-testid={props.testId}
      onKeyDown={onKeyDown}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
    >
      <div class="vlist-inner" style={{ height: `${items.length * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
