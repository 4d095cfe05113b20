// The hand-written check of a submission must never accept what the schema refuses, and must
// give exactly the schema's result for what it accepts. Checked on the simulator's feed and on
// many mutations of its items, field by field.
import { describe, expect, it } from 'vitest';
import { SubmissionLog } from '../simulator/submission-log.js';
import { fastWireSubmission, wireSubmission } from '../../shared/office-api.js';
import { seededRandom } from '../simulator/data/random.js';

// Values that are valid for some fields and not others.
const ODD_VALUES: unknown[] = [
  undefined, null, '', ' ', 'x', 'form', 'email', 'Form', 0, -1, 1, 1.5, 2 ** 53, Number.NaN, true, false, [], {}, ['a'],
  '2026-11-28T10:00:00+09:00', '2026-11-28T10:00:00Z', '2026-11-28 10:00:00', '2026-13-45T10:00:00Z', '2026-11-28T10:00:00',
  'S-2026-1', 'has space', 'a'.repeat(65), '年金', 'x'.repeat(50_001), '😀'.repeat(25_001), '\u0000',
];
const FIELDS = ['id', 'seq', 'received_at', 'channel', 'category', 'theme', 'subject', 'body', 'age_band', 'email', 'language', 'deleted', 'extra'];

describe('fastWireSubmission', () => {
  it('agrees with the schema on every item of the feed and on thousands of mutations', () => {
    const log = new SubmissionLog({ seed: 3, count: 400, nowMs: Date.UTC(2026, 10, 28) });
    const random = seededRandom(12);
    let accepted = 0;
    let declined = 0;
    for (let i = 0; i < log.length(); i++) {
      const item = JSON.parse(JSON.stringify(log.itemAt(i))) as Record<string, unknown>;
      if (item.deleted === true) continue;
      const variants: unknown[] = [item];
      for (let m = 0; m < 12; m++) {
        const v: Record<string, unknown> = { ...item };
        const field = FIELDS[Math.floor(random() * FIELDS.length)];
        const value = ODD_VALUES[Math.floor(random() * ODD_VALUES.length)];
        if (value === undefined && random() < 0.5) delete v[field];
        else v[field] = value;
        variants.push(v);
      }
      variants.push(null, 'item', [item], { ...item, office_ref: 'A-1' }, JSON.parse(`{"__proto__": {"x": 1}, "id": "S-1"}`));
      for (const raw of variants) {
        const fast = fastWireSubmission(raw);
        const schema = wireSubmission.safeParse(raw);
        if (fast === null) {
          declined++;
          continue;
        }
        accepted++;
        expect(schema.success, JSON.stringify(raw)).toBe(true);
        expect(fast).toEqual(schema.data);
      }
    }
    // Both ways were exercised, and the feed's own items all take the fast way.
    expect(accepted).toBeGreaterThan(2000);
    expect(declined).toBeGreaterThan(1000);
  });

  it('takes every valid item of the feed the fast way', () => {
    const log = new SubmissionLog({ seed: 5, count: 300, nowMs: Date.UTC(2026, 10, 28) });
    for (let i = 0; i < log.length(); i++) {
      const item = JSON.parse(JSON.stringify(log.itemAt(i))) as Record<string, unknown>;
      if (item.deleted === true) continue;
      expect(fastWireSubmission(item), String(item.id)).not.toBeNull();
    }
  });
});
