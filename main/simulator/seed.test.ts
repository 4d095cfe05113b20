import { describe, it, expect } from 'vitest';
import { SUBMISSION_ID_PATTERN, rfc3339, wireSubmission, wireTombstone, codePointLength } from '../../shared/office-api.js';
import { generateSubmission, seededReceivedAtMs, securityProbeIndices } from './data/seed.js';
import { planSeededChanges } from './data/seeded-changes.js';
import { CAMPAIGNS } from './data/campaigns.js';
import { SubmissionLog } from './submission-log.js';
import { FaultState } from './faults.js';
import { FIXED_NOW } from './test-helpers.js';

const params = { seed: 1, count: 4000, nowMs: FIXED_NOW.getTime() };
const log = new SubmissionLog(params);
const faults = new FaultState();
const items = Array.from({ length: log.length() }, (_, p) => log.itemAt(p));
const submissions = items.filter((i) => !i.deleted) as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('seeded submissions', () => {
  it('are a pure function of (seed, index): same seed, same item; another seed, another item', () => {
    const at = seededReceivedAtMs(params, 1234);
    expect(generateSubmission(params, 1234, at)).toEqual(generateSubmission(params, 1234, at));
    const other = { ...params, seed: 2 };
    expect(generateSubmission(other, 1234, seededReceivedAtMs(other, 1234)).fields.body).not.toEqual(generateSubmission(params, 1234, at).fields.body);
    // Item i does not depend on having generated the items before it.
    const fresh = new SubmissionLog(params);
    expect(fresh.itemAt(3000)).toEqual(items[3000]);
  });

  it('all fit the contract: valid submissions and tombstones, seq = position + 1', () => {
    items.forEach((item, p) => {
      expect(item.seq).toBe(p + 1);
      const schema = item.deleted ? wireTombstone : wireSubmission;
      expect(schema.safeParse(item).success, JSON.stringify(item)).toBe(true);
    });
  });

  it('have bodies of 30 to 1,500 characters, mostly Japanese, about 10% English', () => {
    const lengths = submissions.map((s) => codePointLength(s.body));
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(30);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(1500);
    expect(lengths.filter((n) => n > 1000).length).toBeGreaterThan(20);
    const english = submissions.filter((s) => s.language === 'en').length / submissions.length;
    expect(english).toBeGreaterThan(0.06);
    expect(english).toBeLessThan(0.14);
  });

  it('let a full-text search on policy words find plausible subsets', () => {
    for (const word of ['子育て', '年金', '防災', 'マイナンバー', '物価']) {
      const hits = submissions.filter((s) => s.body.includes(word)).length;
      expect(hits, word).toBeGreaterThan(submissions.length * 0.02);
      expect(hits, word).toBeLessThan(submissions.length * 0.4);
    }
  });

  it('use both channels, subjects only on email, and example.* addresses, some malformed, some missing', () => {
    const email = submissions.filter((s) => s.channel === 'email');
    expect(email.length / submissions.length).toBeGreaterThan(0.18);
    expect(email.length / submissions.length).toBeLessThan(0.32);
    expect(submissions.filter((s) => s.channel === 'form').every((s) => s.subject === null)).toBe(true);
    expect(email.filter((s) => typeof s.subject === 'string').length).toBeGreaterThan(email.length * 0.9);
    const addresses = submissions.map((s) => s.email).filter((e): e is string => typeof e === 'string');
    expect(1 - addresses.length / submissions.length).toBeGreaterThan(0.18);
    const wellFormed = addresses.filter((e) => /^[a-z0-9._-]+@example\.(jp|com|ne\.jp)$/.test(e));
    const malformed = addresses.length - wellFormed.length;
    expect(malformed / submissions.length).toBeGreaterThan(0.01);
    expect(malformed / submissions.length).toBeLessThan(0.06);
    // Whatever has a domain uses one reserved for documentation.
    for (const a of addresses.filter((x) => /@[^@]*\.[a-z]+$/.test(x))) expect(a).toMatch(/@example\.{1,2}(jp|com|ne\.jp)$/);
  });

  it('spread over about 400 days before now, a few older than a year, rising with seq', () => {
    const seen = new Set<string>();
    const originals = submissions.filter((s) => !seen.has(s.id) && seen.add(s.id));
    const times = originals.map((s) => Date.parse(s.received_at));
    const now = FIXED_NOW.getTime();
    expect(Math.max(...times)).toBeLessThanOrEqual(now);
    expect(Math.min(...times)).toBeGreaterThan(now - 401 * 86_400_000);
    const old = times.filter((t) => t < now - 365 * 86_400_000).length / times.length;
    expect(old).toBeGreaterThan(0.01);
    expect(old).toBeLessThan(0.1);
    const descents = times.filter((t, i) => i > 0 && t < times[i - 1]! - 3_600_000).length;
    expect(descents).toBe(0);
    expect(submissions.some((s) => s.received_at.endsWith('Z'))).toBe(true);
    expect(submissions.every((s) => rfc3339.safeParse(s.received_at).success)).toBe(true);
  });

  it('cover every category, theme and age band, with some nulls', () => {
    const seen = (k: string) => new Set(submissions.map((s) => s[k]));
    for (const c of ['opinion', 'question', 'request', 'complaint', 'praise', 'other']) expect(seen('category').has(c)).toBe(true);
    expect(seen('theme').size).toBeGreaterThanOrEqual(15);
    expect(seen('theme').has(null)).toBe(true);
    expect(seen('age_band').has('80_plus')).toBe(true);
    expect(seen('age_band').has(null)).toBe(true);
  });

  it('contain campaigns: about 8% near-identical letters in about 6 groups', () => {
    const groups = CAMPAIGNS.map((c) => submissions.filter((s) => s.body.includes(c.core[0]!.slice(0, 20))).length);
    expect(groups.every((n) => n >= 10)).toBe(true);
    const share = groups.reduce((a, b) => a + b, 0) / submissions.length;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.11);
  });

  it('contain exactly three submissions with markup for the security tests', () => {
    expect(securityProbeIndices(params)).toHaveLength(3);
    const probes = submissions.filter((s) => s.body.includes('<script>alert(1)</script>') || s.body.includes('<img src=x onerror=alert(1)>'));
    expect(probes).toHaveLength(3);
  });

  it('contain a few tombstones (each reason) and corrections of earlier items', () => {
    const changes = planSeededChanges(params);
    const tombstones = items.filter((i) => i.deleted);
    expect(new Set(tombstones.map((t) => t.reason))).toEqual(new Set(['retention', 'withdrawn', 'legal']));
    const firstSeq = new Map<string, number>();
    let corrections = 0;
    for (const item of items) {
      const id = item.id as string;
      expect(id).toMatch(SUBMISSION_ID_PATTERN);
      if (firstSeq.has(id)) {
        expect(item.seq as number).toBeGreaterThan(firstSeq.get(id)!);
        if (!item.deleted) corrections++;
      } else firstSeq.set(id, item.seq as number);
    }
    expect(corrections).toBe(changes.filter((c) => c.kind === 'correction').length);
    expect(corrections).toBeGreaterThanOrEqual(3);
    expect(firstSeq.size).toBe(params.count);
  });

  it('keep tiny seeds plain (no tombstones, corrections or probes)', () => {
    const tiny = new SubmissionLog({ ...params, count: 10 });
    expect(tiny.length()).toBe(10);
    expect(tiny.liveIds()).toHaveLength(10);
    expect(tiny.itemsAt(0, faults)).toHaveLength(1);
  });
});
