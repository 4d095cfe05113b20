// The foundation's commands: sync, list, show, quarantine, doctor.
import { countInbox, idsMatching } from '../store/inbox-queries.js';
import { cliRecord, getSubmission } from '../store/submission-queries.js';
import { listQuarantine } from '../store/quarantine.js';
import { kvGet, kvSet } from '../store/statements.js';
import { DEFAULT_RETENTION_DAYS } from '../store/retention.js';
import { connect } from '../sync/connection.js';
import { SyncEngine, type SyncSummary } from '../sync/engine.js';
import { runDoctor } from '../doctor.js';
import type { Db } from '../store/db.js';
import { str, strs, UsageError, type Command } from './command.js';

/** Extra work `sync --once` does after the feeds (e.g. delivering pending replies). */
export type AfterSync = (db: Db, summary: SyncSummary, client: ReturnType<typeof connect>) => Promise<Record<string, number>>;
const afterSync: AfterSync[] = [];
export function addAfterSync(step: AfterSync): void {
  afterSync.push(step);
}

export const coreCommands: Command[] = [
  {
    name: 'sync',
    usage: ['sync --once [--json]                 one full sync; progress on stderr'],
    options: { once: { type: 'boolean' }, json: { type: 'boolean' } },
    run: (ctx) => {
      if (!ctx.values.once) throw new UsageError('sync needs --once (the app syncs on a schedule; the CLI syncs once)');
      return ctx.withStore(async (db) => {
        const api = str(ctx.values.api) ?? kvGet(db, 'api_url') ?? process.env.KOE_API_URL;
        if (!api) throw new UsageError('no office API configured: pass --api URL');
        kvSet(db, 'api_url', api);
        const username = process.env.KOE_USERNAME;
        const password = process.env.KOE_PASSWORD;
        const client = connect(db, {
          baseUrl: api,
          credentials: () => (username && password ? { username, password } : null),
          onRetry: ({ ms, reason }) => ctx.err(`koe: ${reason}; retrying in ${(ms / 1000).toFixed(1)} s`),
        });
        try {
          let lastPhase = '';
          const engine = new SyncEngine(db, client, {
            retentionDays: DEFAULT_RETENTION_DAYS,
            onProgress: (p) => {
              if (p.phase !== lastPhase) ctx.err(`${p.phase}…`);
              lastPhase = p.phase;
            },
          });
          const s = await engine.syncOnce({ waitForIndex: true });
          for (const w of s.warnings) ctx.err(`koe: warning: ${w}`);
          const summary: Record<string, number> = {
            fetched: s.fetched, updated: s.updated, deleted: s.deleted, quarantined: s.quarantined,
            events_pulled: s.eventsPulled, events_pushed: s.eventsPushed, events_dropped: s.eventsDropped,
            transfers: s.transfers, purged_by_retention: s.purgedByRetention,
          };
          for (const step of afterSync) Object.assign(summary, await step(db, s, client));
          if (ctx.values.json) ctx.out(JSON.stringify(summary));
          else ctx.err(`synced: ${Object.entries(summary).map(([k, v]) => `${k}=${v}`).join(' ')}`);
          return 0;
        } finally {
          client.close();
        }
      });
    },
  },
  {
    name: 'list',
    usage: ['list --json [--status S] [--tag T] [--search TEXT]'],
    options: { json: { type: 'boolean' }, status: { type: 'string', multiple: true }, tag: { type: 'string', multiple: true }, search: { type: 'string' } },
    run: (ctx) => {
      if (!ctx.values.json) throw new UsageError('list prints JSON lines: pass --json');
      return ctx.withStore((db) => {
        const qctx = { meId: null, seenAt: 0 };
        const filter = { status: strs(ctx.values.status), tag: strs(ctx.values.tag), search: str(ctx.values.search) };
        const total = countInbox(db, filter, qctx);
        for (const id of idsMatching(db, filter, qctx, Math.max(total, 1))) {
          const r = getSubmission(db, id);
          if (r) ctx.out(JSON.stringify(cliRecord(r)));
        }
        return 0;
      });
    },
  },
  {
    name: 'show',
    usage: ['show ID --json'],
    options: { json: { type: 'boolean' } },
    run: (ctx) => {
      const id = ctx.args[0];
      if (!id || !ctx.values.json) throw new UsageError('usage: koe show ID --json');
      return ctx.withStore((db) => {
        const r = getSubmission(db, id);
        if (!r) throw new Error(`no submission ${id} in this store`);
        ctx.out(JSON.stringify(cliRecord(r)));
        return 0;
      });
    },
  },
  {
    name: 'quarantine',
    usage: ['quarantine --json'],
    options: { json: { type: 'boolean' } },
    run: (ctx) => {
      if (!ctx.values.json) throw new UsageError('quarantine prints JSON lines: pass --json');
      return ctx.withStore((db) => {
        for (const q of listQuarantine(db)) ctx.out(JSON.stringify(q));
        return 0;
      });
    },
  },
  {
    name: 'doctor',
    usage: ['doctor                               integrity, key, schema, outbox, last sync'],
    run: (ctx) => runDoctor(ctx.dataDir, ctx.keys(), ctx.out),
  },
];
