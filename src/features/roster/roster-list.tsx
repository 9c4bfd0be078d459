import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { RosterListRow } from '../../storage/roster-queries';
import { RosterRowPlaceholder, RosterRowView } from './roster-row';
import { useRosterKeyWindow, useRosterWindow } from './use-roster';

const ROW_HEIGHT = 72;
const OVERSCAN = 8;

type Source =
  { kind: 'all'; count: number } | { kind: 'rows'; rows: RosterListRow[] } | { kind: 'keys'; ids: readonly string[] };

const NO_IDS: readonly string[] = [];

/**
 * Virtualised list: only the rows on screen (plus a small overscan) exist in the DOM, and in
 * "all" and "keys" modes only that window is read from IndexedDB (by offset into the name
 * index, or by key from a filtered key list), so 100,000 people scroll smoothly.
 */
export function RosterList({ source, label }: { source: Source; label: string }) {
  const parentRef = useRef<HTMLDivElement>(null);
  const count = source.kind === 'all' ? source.count : source.kind === 'keys' ? source.ids.length : source.rows.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  const size = Math.max(0, last - first + 1);
  const windowRows = useRosterWindow(first, source.kind === 'all' ? size : 0);
  const keyRows = useRosterKeyWindow(
    source.kind === 'keys' ? source.ids : NO_IDS,
    first,
    source.kind === 'keys' ? size : 0,
  );

  function rowAt(index: number): RosterListRow | undefined {
    if (source.kind === 'rows') return source.rows[index];
    if (source.kind === 'keys') return keyRows?.[index - first];
    return windowRows?.[index - first];
  }

  return (
    <div ref={parentRef} className="roster-scroll" role="list" aria-label={label} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          return (
            <div
              key={item.key}
              role="listitem"
              className="roster-item"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {row ? <RosterRowView row={row} /> : <RosterRowPlaceholder />}
            </div>
          );
        })}
      </div>
    </div>
  );
}
