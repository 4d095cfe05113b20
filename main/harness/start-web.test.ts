// `npm run start:web` as a staff member or a script runs it: a child process whose stdout is
// exactly the page URL, whose page answers, and which stops cleanly on SIGTERM and SIGINT.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

function startWeb(args: string[]): { child: ChildProcessWithoutNullStreams; stdout: () => string; stderr: () => string; firstLine: Promise<string> } {
  const env = { ...process.env };
  delete env.KOE_DB_KEY_FILE;
  const child = spawn(process.execPath, [TSX, 'main/harness/start-web.ts', ...args], { cwd: ROOT, env });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`start:web exited with ${code} before printing a URL:\n${err}`)));
  });
  // A run that is meant to fail never prints a URL; only a test that awaits it should hear that.
  firstLine.catch(() => undefined);
  return { child, stdout: () => out, stderr: () => err, firstLine };
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('npm run start:web', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`prints only the page URL, serves the app, and stops on ${signal}`, async () => {
      const run = startWeb(['--count', '30']);
      const url = await run.firstLine;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);

      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const origin = new URL(url).origin;
      const token = new URL(url).searchParams.get('token')!;
      const info = await fetch(`${origin}/bridge/call/app%3Ainfo`, { method: 'POST', headers: { origin, 'x-koe-token': token, 'content-type': 'application/json' } });
      expect(await info.json()).toMatchObject({ ok: true, value: { demo: true } });

      const dataDir = /data dir \(removed on exit\): (\S+)/.exec(run.stderr())?.[1];
      expect(dataDir && existsSync(dataDir)).toBe(true);

      const code = exited(run.child);
      run.child.kill(signal);
      expect(await code).toBe(0);
      expect(run.stdout()).toBe(url + '\n');
      expect(existsSync(dataDir!)).toBe(false);
    });
  }

  it('refuses a bad option with the usage line and exit code 2', async () => {
    const run = startWeb(['--port', 'eighty']);
    const code = await exited(run.child);
    expect(code).toBe(2);
    expect(run.stdout()).toBe('');
    expect(run.stderr()).toMatch(/--port must be a whole number[\s\S]*usage: npm run start:web/);
  });
});
