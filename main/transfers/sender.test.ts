import { describe, expect, it } from 'vitest';
import { ApiError } from '../sync/client.js';
import { readRefusal } from './sender.js';

const refusal = (body: unknown, message = 'refused') => new ApiError(422, 'invalid_transfer', message, body);
const batch = ['S-2026-0000001', 'S-2026-0000002', 'S-2026-0000010'];

describe('reading a 422 invalid_transfer', () => {
  it('takes the ids the error lists, keeping only those of this batch', () => {
    const r = readRefusal(refusal({ error: { code: 'invalid_transfer', message: 'x', submission_ids: ['S-2026-0000002', 'S-9'] } }), batch, true);
    expect(r).toEqual({ code: 'invalid_transfer', message: 'refused', submissionIds: ['S-2026-0000002'], ministry: false });
  });

  it('accepts the list at the top level too', () => {
    expect(readRefusal(refusal({ error: { code: 'invalid_transfer' }, submission_ids: ['S-2026-0000010'] }), batch, true).submissionIds).toEqual(['S-2026-0000010']);
  });

  it('without a list, finds the batch ids named in the message, whole ids only', () => {
    const r = readRefusal(refusal({ error: { code: 'invalid_transfer', message: 'm' } }, 'unknown or deleted submissions: S-2026-0000001, S-2026-0000010'), batch, true);
    expect(r.submissionIds).toEqual(['S-2026-0000001', 'S-2026-0000010']);
    // S-2026-0000001 is a prefix of S-2026-00000010-like ids: never matched by prefix.
    expect(readRefusal(refusal(null, 'unknown: S-2026-00000019'), ['S-2026-0000001'], true).submissionIds).toEqual([]);
  });

  it('marks the ministry refused when the error names it or the reference data no longer allows it', () => {
    expect(readRefusal(refusal({ error: { code: 'invalid_transfer', ministry: 'sia' } }), batch, true).ministry).toBe(true);
    expect(readRefusal(refusal({ error: { code: 'invalid_transfer' } }), batch, false).ministry).toBe(true);
    expect(readRefusal(refusal({ error: { code: 'invalid_transfer' } }), batch, true).ministry).toBe(false);
  });
});
