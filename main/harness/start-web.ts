// `npm run start:web -- [--port N] [--api URL] [--data-dir DIR] [--count N]`: Koe in a browser
// on this machine, through the loopback harness. Stdout gets exactly one line, the page URL with
// its token, so scripts can read it; everything else goes to stderr. No browser is opened.
import { parseArgs } from 'node:util';
import { launchWebApp } from './launch.js';

const USAGE = 'usage: npm run start:web -- [--port N] [--api URL] [--data-dir DIR] [--count N] [--seed N]';

function log(line: string): void {
  process.stderr.write(line + '\n');
}

/** A mistake in the command line: the usage line helps; for any other failure it is noise. */
class UsageError extends Error {}

function integer(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        port: { type: 'string' },
        api: { type: 'string' },
        'data-dir': { type: 'string' },
        count: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    log(USAGE);
    return;
  }
  const app = await launchWebApp({
    apiUrl: values.api,
    dataDir: values['data-dir'],
    port: integer(values.port, 'port', 0, 65535),
    count: integer(values.count, 'count', 0, 1_000_000),
    seed: integer(values.seed, 'seed', 0, 2 ** 31),
    log,
  });
  process.stdout.write(app.url + '\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping Koe…`);
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  log(`koe: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError) {
    log(USAGE);
    process.exit(2);
  }
  process.exit(1);
});
