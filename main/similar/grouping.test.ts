import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../store/db.js';
import { discardBandIndex } from './band-index.js';
import { groupBatch } from './grouping.js';
import { forgetSimilar, groupPendingCount, queueForGrouping } from './queue.js';
import { SampleRng } from './rng.js';
import { CAMPAIGNS, campaignLookalike, campaignVariant } from './sample-campaigns.js';
import { groupIds, insertTexts, openSampleDb, sampleDb, type SampleDb } from './sample-db.js';

let open: SampleDb | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

function load(bodies: readonly string[]): SampleDb {
  open = sampleDb(bodies);
  return open;
}

function groupAll(db: Db): number {
  let total = 0;
  for (let n = groupBatch(db, 50); n > 0; n = groupBatch(db, 50)) total += n;
  return total;
}

/** Purges a row the way the store does: grouping forgets it first, then the row goes. */
function purge(db: Db, k: number): void {
  forgetSimilar(db, k);
  db.prepare('DELETE FROM submissions WHERE k = ?').run(k);
}

function snapshot(db: Db): unknown {
  return {
    groups: db.prepare('SELECT k, group_id FROM submissions ORDER BY k').all(),
    sigs: db.prepare('SELECT k, hex(sig) AS sig, trigrams FROM similar_sigs ORDER BY k').all(),
  };
}

const invoice = CAMPAIGNS.find((c) => c.name === 'invoice')!;
const TEMPLATE = invoice.template.join('');

describe('near-duplicate grouping', () => {
  it('puts the copies of a campaign in one group, and leaves letters on the same issue apart', () => {
    const rng = new SampleRng(7);
    const copies = Array.from({ length: 40 }, () => campaignVariant(rng, invoice));
    const lookalikes = (['quote', 'counter', 'agree'] as const).flatMap((kind) => Array.from({ length: 10 }, () => campaignLookalike(rng, invoice, kind)));
    // Interleaved, as they arrive.
    const bodies = rng.shuffle([...copies.map((b) => ({ b, copy: true })), ...lookalikes.map((b) => ({ b, copy: false }))]);
    const s = load(bodies.map((x) => x.b));
    expect(groupPendingCount(s.db)).toBe(bodies.length);
    expect(groupAll(s.db)).toBe(bodies.length);
    expect(groupPendingCount(s.db)).toBe(0);

    const ids = groupIds(s.db, s.ks);
    const copyGroups = ids.filter((_, i) => bodies[i].copy);
    const counts = new Map<string, number>();
    for (const g of copyGroups) if (g !== null) counts.set(g, (counts.get(g) ?? 0) + 1);
    const [campaign, size] = [...counts].sort((a, b) => b[1] - a[1])[0];
    expect(campaign).toMatch(/^g-[0-9a-f]{16}$/);
    // These copies are edited hard (up to two sentences dropped and two of one's own added,
    // with a greeting, an introduction and a signature): a few end up under the threshold.
    // None is in another group.
    expect(size).toBeGreaterThanOrEqual(30);
    expect(counts.size).toBe(1);
    const lookalikeGroups = ids.filter((_, i) => !bodies[i].copy);
    expect(lookalikeGroups.filter((g) => g === campaign)).toEqual([]);
  });

  it('groups the edits campaigns make: greeting, name, a sentence added or dropped, punctuation', () => {
    const t = invoice.template;
    const s = load([
      TEMPLATE,
      `いつもお世話になっております。${TEMPLATE}`,
      `${TEMPLATE}\n世田谷区 佐藤花子`,
      `${t.slice(0, 3).join('')}物価の上昇が続き、毎月の食費が1万円以上増えました。${t.slice(3).join('')}`,
      [...t.slice(0, 2), ...t.slice(3)].join(''),
      t.map((x) => x.replaceAll('、', ' ').replace('。', '！')).join('\n\n'),
      `政府広報室御中\n${t.slice(0, 5).join('').replaceAll('ください', '下さい')}\n（大阪府・60代）`,
      // Same issue, own words: not a copy.
      'インボイス制度について、もっと分かりやすく説明してほしいです。確定申告の画面が分かりにくく、3時間かかってしまいました。取引先から、登録しないなら値下げしてほしいと言われました。',
    ]);
    groupAll(s.db);
    const ids = groupIds(s.db, s.ks);
    expect(ids[0]).not.toBeNull();
    expect(ids.slice(0, 7)).toEqual(Array(7).fill(ids[0]));
    expect(ids[7]).toBeNull();
  });

  it('never groups very short bodies, even identical ones', () => {
    const s = load(['年金を上げてください。', '年金を上げてください。', '年金を上げてください！']);
    groupAll(s.db);
    expect(groupIds(s.db, s.ks)).toEqual([null, null, null]);
    expect(s.db.prepare('SELECT count(*) AS n FROM similar_sigs').get()).toEqual({ n: 0 });
  });

  it('keeps a group id while more copies arrive', () => {
    open = { ...openSampleDb(), ks: [] };
    const { db } = open;
    const first = insertTexts(db, [TEMPLATE, `${TEMPLATE}山田太郎`]);
    groupAll(db);
    const id = groupIds(db, first)[0];
    expect(groupIds(db, first)).toEqual([id, id]);
    const later = insertTexts(db, [`こんにちは。${TEMPLATE}`, `${TEMPLATE}よろしくお願いいたします。`], 2);
    groupAll(db);
    expect(groupIds(db, [...first, ...later])).toEqual([id, id, id, id]);
  });

  it('takes a purged row out of its group: the group shrinks, and a group of one is no group', () => {
    const s = load([TEMPLATE, `${TEMPLATE}山田太郎`, `はじめまして。${TEMPLATE}`]);
    groupAll(s.db);
    const [k0, k1, k2] = s.ks;
    const id = groupIds(s.db, s.ks)[0];
    expect(id).not.toBeNull();
    const size = () => (s.db.prepare('SELECT count(*) AS n FROM submissions WHERE group_id = ?').get(id) as { n: number }).n;
    expect(size()).toBe(3);

    purge(s.db, k1);
    expect(size()).toBe(2);
    expect(groupIds(s.db, [k0, k2])).toEqual([id, id]);
    // Nothing grouping held for it is left.
    expect(s.db.prepare('SELECT count(*) AS n FROM similar_sigs WHERE k = ?').get(k1)).toEqual({ n: 0 });

    purge(s.db, k0);
    expect(size()).toBe(0);
    expect(groupIds(s.db, [k2])).toEqual([null]);

    // A new copy finds the remaining one (the purged rows' stale buckets are skipped).
    const [k3] = insertTexts(s.db, [`${TEMPLATE}以上です。`], 3);
    groupAll(s.db);
    const [g2, g3] = groupIds(s.db, [k2, k3]);
    expect(g2).not.toBeNull();
    expect(g3).toBe(g2);
  });

  it('forgets a row purged before it was grouped', () => {
    const s = load([TEMPLATE, `${TEMPLATE}山田太郎`]);
    purge(s.db, s.ks[1]);
    expect(groupPendingCount(s.db)).toBe(1);
    groupAll(s.db);
    expect(groupIds(s.db, [s.ks[0]])).toEqual([null]);
  });

  it('regroups a row whose body changed', () => {
    const other = CAMPAIGNS.find((c) => c.name === 'solar')!.template.join('');
    const s = load([TEMPLATE, `${TEMPLATE}山田太郎`, other, `${other}佐藤`]);
    groupAll(s.db);
    const [a, , c] = groupIds(s.db, s.ks);
    expect(a).not.toBeNull();
    expect(c).not.toBeNull();
    expect(c).not.toBe(a);
    // The second row is edited into a copy of the other campaign.
    s.db.prepare('UPDATE submissions SET body = ? WHERE k = ?').run(`${other}山田太郎`, s.ks[1]);
    queueForGrouping(s.db, s.ks[1]);
    groupAll(s.db);
    expect(groupIds(s.db, s.ks)).toEqual([null, c, c, c]);
  });

  it('is idempotent: running again, or re-queueing unchanged rows, changes nothing', () => {
    const rng = new SampleRng(11);
    const s = load([...Array.from({ length: 30 }, () => campaignVariant(rng, invoice)), ...Array.from({ length: 10 }, () => campaignLookalike(rng, invoice, 'counter'))]);
    groupAll(s.db);
    const before = snapshot(s.db);
    expect(groupBatch(s.db)).toBe(0);
    expect(snapshot(s.db)).toEqual(before);
    for (const k of s.ks) queueForGrouping(s.db, k);
    expect(groupAll(s.db)).toBe(s.ks.length);
    expect(snapshot(s.db)).toEqual(before);
    // And after a restart (the in-memory buckets rebuilt from the database).
    discardBandIndex(s.db);
    for (const k of s.ks) queueForGrouping(s.db, k);
    groupAll(s.db);
    expect(snapshot(s.db)).toEqual(before);
  });

  it('finds copies grouped by another connection (the buckets catch up from the database)', () => {
    const s = load([TEMPLATE]);
    groupAll(s.db);
    // Simulate another connection having grouped a row: its index is not this one's.
    discardBandIndex(s.db);
    const [k1] = insertTexts(s.db, [`${TEMPLATE}山田太郎`], 1);
    groupAll(s.db);
    const [k2] = insertTexts(s.db, [`拝啓${TEMPLATE}`], 2);
    groupAll(s.db);
    const ids = groupIds(s.db, [s.ks[0], k1, k2]);
    expect(ids[0]).not.toBeNull();
    expect(ids).toEqual([ids[0], ids[0], ids[0]]);
  });

  it('merges two groups that one new row bridges, keeping the bigger group’s id', () => {
    const part = (name: string) => CAMPAIGNS.find((c) => c.name === name)!.template.slice(0, 2).join('');
    const [p, q, r] = [part('invoice'), part('solar'), part('child-medical')];
    // P+Q copies and Q+R copies share a third of their text: two groups.
    const s = load([`${p}${q}`, `${p}${q}佐藤`, `${p}${q}鈴木`, `${q}${r}`, `${q}${r}田中`]);
    groupAll(s.db);
    const [ga, , , gb] = groupIds(s.db, s.ks);
    expect(ga).not.toBeNull();
    expect(gb).not.toBeNull();
    expect(gb).not.toBe(ga);
    // P+Q+R shares two thirds with each: it joins both, and they become one.
    const [k5] = insertTexts(s.db, [`${p}${q}${r}`], 5);
    groupAll(s.db);
    expect(groupIds(s.db, [...s.ks, k5])).toEqual([ga, ga, ga, ga, ga, ga]);
  });
});
