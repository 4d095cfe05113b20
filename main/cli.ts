// Koe's command line, for IT, supervisors and automation: the same store and sync code as the
// app. `npm run -s koe -- <command> [options]`. Exit 0 on success, 1 with a one-line reason on
// stderr on failure, 2 on bad usage. Credentials come from KOE_USERNAME / KOE_PASSWORD only.
import { parseArgs } from 'node:util';
import { keyFileFromEnv } from './keys/key-file.js';
import { KeyError } from './keys/key-provider.js';
import { StoreError, type Db } from './store/db.js';
import { openStore } from './store/open-store.js';
import { kvGet, kvSet } from './store/statements.js';
import { countInbox, idsMatching } from './store/inbox-queries.js';
import { cliRecord, getSubmission } from './store/submission-queries.js';
import { listQuarantine } from './store/quarantine.js';
import { connect } from './sync/connection.js';
import { ApiError, UnreachableError } from './sync/client.js';
import { SyncEngine } from './sync/engine.js';
import { runDoctor } from './doctor.js';
import { defaultDataDir } from './policy/data-dir.js';
import { DEFAULT_RETENTION_DAYS } from './store/retention.js';

class UsageError extends Error {}

const USAGE = `usage: koe <command> [options]
  sync --once [--json]                 one full sync; progress on stderr
  list --json [--status S] [--tag T] [--search TEXT]
  show ID --json
  quarantine --json
  doctor
options: --data-dir DIR  --api URL
environment: KOE_DB_KEY_FILE (database key file), KOE_USERNAME, KOE_PASSWORD`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  api: { type: 'string' },
  json: { type: 'boolean', default: false },
  once: { type: 'boolean', default: false },
  status: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  search: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function out(line: string) {
  process.stdout.write(line + '\n');
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return command || values.help ? 0 : 2;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir(process.platform, process.env);
  const withStore = async <T>(fn: (db: Db) => Promise<T> | T): Promise<T> => {
    const db = await openStore(dataDir, keyFileFromEnv());
    try {
      return await fn(db);
    } finally {
      db.close();
    }
  };

  switch (command) {
    case 'sync': {
      if (!values.once) throw new UsageError('sync needs --once (the app syncs on a schedule; the CLI syncs once)');
      return withStore(async (db) => {
        const api = values.api ?? kvGet(db, 'api_url') ?? process.env.KOE_API_URL;
        if (!api) throw new UsageError('no office API configured: pass --api URL');
        kvSet(db, 'api_url', api);
        const username = process.env.KOE_USERNAME;
        const password = process.env.KOE_PASSWORD;
        const client = connect(db, {
          baseUrl: api,
          credentials: () => (username && password ? { username, password } : null),
          onRetry: ({ ms, reason }) => process.stderr.write(`koe: ${reason}; retrying in ${(ms / 1000).toFixed(1)} s\n`),
        });
        try {
          let last = '';
          const engine = new SyncEngine(db, client, {
            retentionDays: DEFAULT_RETENTION_DAYS,
            onProgress: (p) => {
              const line = `${p.phase} ${p.itemsDone}${p.itemsExpected !== null ? `/${p.itemsExpected}` : ''}`;
              if (line !== last && process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}`);
              else if (p.phase !== last.split(' ')[0]) process.stderr.write(`${line}\n`);
              last = line;
            },
          });
          const s = await engine.syncOnce({ waitForIndex: true });
          if (process.stderr.isTTY) process.stderr.write('\n');
          for (const w of s.warnings) process.stderr.write(`koe: warning: ${w}\n`);
          const summary = {
            fetched: s.fetched, updated: s.updated, deleted: s.deleted, quarantined: s.quarantined,
            events_pulled: s.eventsPulled, events_pushed: s.eventsPushed, events_dropped: s.eventsDropped,
            transfers: s.transfers, purged_by_retention: s.purgedByRetention,
          };
          if (values.json) out(JSON.stringify(summary));
          else process.stderr.write(`synced: ${Object.entries(summary).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
          return 0;
        } finally {
          client.close();
        }
      });
    }
    case 'list': {
      if (!values.json) throw new UsageError('list prints JSON lines: pass --json');
      return withStore((db) => {
        const ctx = { meId: null, seenAt: 0 };
        const filter = { status: values.status, tag: values.tag, search: values.search };
        const total = countInbox(db, filter, ctx);
        for (const id of idsMatching(db, filter, ctx, Math.max(total, 1))) {
          const r = getSubmission(db, id);
          if (r) out(JSON.stringify(cliRecord(r)));
        }
        return 0;
      });
    }
    case 'show': {
      const id = rest[0];
      if (!id || !values.json) throw new UsageError('usage: koe show ID --json');
      return withStore((db) => {
        const r = getSubmission(db, id);
        if (!r) throw new Error(`no submission ${id} in this store`);
        out(JSON.stringify(cliRecord(r)));
        return 0;
      });
    }
    case 'quarantine': {
      if (!values.json) throw new UsageError('quarantine prints JSON lines: pass --json');
      return withStore((db) => {
        for (const q of listQuarantine(db)) out(JSON.stringify(q));
        return 0;
      });
    }
    case 'doctor':
      return runDoctor(dataDir, keyFileFromEnv(), out);
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`koe: ${err.message}\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    const known = err instanceof StoreError || err instanceof KeyError || err instanceof ApiError || err instanceof UnreachableError;
    const message = known ? (err as Error).message : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
    process.stderr.write(`koe: ${message.split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
