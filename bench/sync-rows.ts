// One size's sync figures as table rows: Koe's first sync beside the raw upsert floors.
import type { RawIngestResult } from './floor.js';
import type { KoeSyncResult } from './sync.js';
import type { Row } from './table.js';
import { label } from './workspace.js';

const SYNC_FRACTION = 0.7;
const FIRST_PAGE_TARGET_S = 10;

export function syncRows(koe: KoeSyncResult, rowsFloor: RawIngestResult, ftsFloor: RawIngestResult): Row[] {
  const section = `sync ${label(koe.n)} submissions into a fresh encrypted store`;
  const caughtUp = koe.syncSeconds + koe.indexSeconds;
  const row = (measure: string, value: number | null, unit: Row['unit'], more: Partial<Row> = {}): Row => ({ section, measure, value, unit, ...more });
  return [
    row('rows available (syncOnce), items/s vs raw upsert', koe.feedItems / koe.syncSeconds, 'items/s', {
      floor: rowsFloor.items / rowsFloor.dbSeconds,
      target: { kind: 'ofFloor', fraction: SYNC_FRACTION },
      detail: { koe: { ...koe, store: undefined }, floor: rowsFloor },
    }),
    row('rows + search index caught up, items/s vs raw upsert + FTS in step', koe.feedItems / caughtUp, 'items/s', {
      floor: ftsFloor.items / ftsFloor.dbSeconds,
      target: { kind: 'ofFloor', fraction: SYNC_FRACTION },
      detail: { caughtUpSeconds: caughtUp, floor: ftsFloor },
    }),
    row('first full inbox page (second connection), from sync start', koe.firstPageSeconds, 's', { target: { kind: 'below', limit: FIRST_PAGE_TARGET_S } }),
    row('first page final (feed is oldest first), from sync start', koe.newestPageSeconds, 's'),
    row('all rows listed (syncOnce returned)', koe.syncSeconds, 's', { floor: rowsFloor.dbSeconds }),
    row('  of which applying pages (in transactions)', koe.inTransactionSeconds, 's', { floor: rowsFloor.dbSeconds }),
    row('  of which waiting for pages (HTTP, JSON, server)', koe.syncSeconds - koe.inTransactionSeconds, 's'),
    row('"indexing" state after the sync (catchUpIndex)', koe.indexSeconds, 's'),
    row('search index caught up, from sync start', caughtUp, 's', { floor: ftsFloor.dbSeconds }),
    row('CPU seconds of Koe\'s process in syncOnce', koe.syncCpuSeconds, 's', { floor: rowsFloor.dbCpuSeconds }),
    row('  of which in page transactions', koe.inTransactionCpuSeconds, 's', { floor: rowsFloor.dbCpuSeconds }),
    row('CPU seconds, sync + index catch-up', koe.syncCpuSeconds + koe.indexCpuSeconds, 's', { floor: ftsFloor.dbCpuSeconds }),
    row('database size (rows + index, after checkpoint)', koe.sizeMb, 'MB', { floor: ftsFloor.sizeMb, detail: { rowsOnlyFloorMb: rowsFloor.sizeMb } }),
  ];
}
