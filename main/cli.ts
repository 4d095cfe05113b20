// Koe's command line, for IT, supervisors and automation: the same store and sync code as the
// app. `npm run -s koe -- <command> [options]`. Exit 0 on success, 1 with a one-line reason on
// stderr on failure, 2 on bad usage. Credentials come from KOE_USERNAME / KOE_PASSWORD only.
import { parseArgs } from 'node:util';
import { keyFileFromEnv } from './keys/key-file.js';
import { KeyError } from './keys/key-provider.js';
import { StoreError } from './store/db.js';
import { openStore } from './store/open-store.js';
import { ApiError, UnreachableError } from './sync/client.js';
import { defaultDataDir } from './policy/data-dir.js';
import { UsageError, type Command, type CommandContext } from './cli/command.js';
import { coreCommands } from './cli/core.js';
import { safetyCommands } from './cli/safety.js';
import { SafetyError } from './safety/safety-error.js';
import { transfersCommands } from './cli/transfers.js';
import { mailCommands } from './cli/mail.js';
import { reportsCommands } from './cli/reports.js';

// Each domain's commands, in the order `koe --help` lists them.
const COMMANDS: Command[] = [...coreCommands, ...transfersCommands, ...mailCommands, ...reportsCommands, ...safetyCommands];

const COMMON = {
  'data-dir': { type: 'string' },
  api: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function usage(): string {
  return [
    'usage: koe <command> [options]',
    ...COMMANDS.flatMap((c) => c.usage.map((u) => `  ${u}`)),
    'options: --data-dir DIR  --api URL',
    'environment: KOE_DB_KEY_FILE (database key file), KOE_USERNAME, KOE_PASSWORD, KOE_SMTP_URL (mail relay, smtp://user:pass@host:port or smtps://…)',
  ].join('\n');
}

const out = (line: string) => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

async function main(argv: string[]): Promise<number> {
  const name = argv.find((a) => !a.startsWith('-'));
  if (!name || argv.includes('--help') || argv.includes('-h')) {
    out(usage());
    return name || argv.length ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command: ${name}`);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON, ...command.options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const positionals = parsed.positionals.slice(parsed.positionals.indexOf(name) + 1);
  const dataDir = (parsed.values['data-dir'] as string | undefined) ?? defaultDataDir(process.platform, process.env);
  const ctx: CommandContext = {
    values: parsed.values,
    args: positionals,
    dataDir,
    keys: () => keyFileFromEnv(),
    async withStore(fn) {
      const db = await openStore(dataDir, keyFileFromEnv());
      try {
        return await fn(db);
      } finally {
        db.close();
      }
    },
    out,
    err,
  };
  return command.run(ctx);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      err(`koe: ${e.message}\n${usage()}`);
      process.exitCode = 2;
      return;
    }
    const known = e instanceof StoreError || e instanceof KeyError || e instanceof ApiError || e instanceof UnreachableError || e instanceof SafetyError;
    const message = known ? (e as Error).message : `unexpected error: ${(e as Error)?.message ?? String(e)}`;
    err(`koe: ${message.split('\n')[0]}`);
    process.exitCode = 1;
  },
);
