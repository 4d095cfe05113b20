// Measures how fast the simulator serves its submissions feed: starts it in this process
// with N seeded submissions and reads the whole feed in pages of 1000 over loopback HTTP.
// `npx tsx main/simulator/feed-throughput.ts [count]` (default 1,000,000).
import { startSimulator } from './server.js';

const count = Number(process.argv[2] ?? 1_000_000);
const sim = await startSimulator({ count, seed: 1 });
try {
  const session = (await (
    await fetch(`${sim.url}/v1/sessions`, { method: 'POST', body: JSON.stringify({ username: 'sato', password: 'koe-demo' }) })
  ).json()) as { token: string };
  const headers = { authorization: `Bearer ${session.token}` };
  const started = performance.now();
  let cursor = '';
  let items = 0;
  let bytes = 0;
  let pages = 0;
  for (;;) {
    const res = await fetch(`${sim.url}/v1/submissions?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers });
    const text = await res.text();
    bytes += Buffer.byteLength(text);
    const page = JSON.parse(text) as { items: unknown[]; next_cursor: string; has_more: boolean };
    items += page.items.length;
    pages++;
    cursor = page.next_cursor;
    if (!page.has_more) break;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${items} items in ${pages} pages, ${(bytes / 1e6).toFixed(0)} MB, ${seconds.toFixed(1)} s ` +
      `(${Math.round(items / seconds)} items/s, server and client in one process)`,
  );
} finally {
  await sim.close();
}
