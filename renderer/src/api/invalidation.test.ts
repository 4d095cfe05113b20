import { describe, expect, it } from 'vitest';
import { callsForTopics } from './invalidation.js';

describe('change topics → calls', () => {
  it('refreshes the inbox, the open opinion and the tag list after triage', () => {
    expect(callsForTopics(['triage']).sort()).toEqual(['inbox:count', 'inbox:list', 'submission:get', 'submission:similar', 'tags:list']);
  });

  it('maps the other topics', () => {
    expect(callsForTopics(['outbox'])).toEqual(['sync:status']);
    expect(callsForTopics(['views'])).toEqual(['views:list']);
    expect(callsForTopics(['session'])).toEqual(['session:get']);
    expect(callsForTopics(['reference'])).toEqual(['reference:get']);
    expect(callsForTopics(['audit'])).toEqual(['audit:list']);
    expect(callsForTopics(['settings'])).toEqual(['app:info']);
  });

  it('merges topics without duplicates and ignores unknown ones', () => {
    const calls = callsForTopics(['submissions', 'triage', 'sync', 'weather']);
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls).toContain('sync:status');
    expect(calls).toContain('inbox:list');
  });
});
