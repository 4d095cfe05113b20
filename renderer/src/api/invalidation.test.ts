import { describe, expect, it } from 'vitest';
import { callsForTopics, TOPIC_CALLS } from './invalidation.js';

describe('change topics → calls', () => {
  it('refreshes the inbox, the open opinion and the tag list after triage', () => {
    const calls = callsForTopics(['triage']);
    for (const name of ['inbox:count', 'inbox:list', 'submission:get', 'submission:similar', 'tags:list'] as const) expect(calls).toContain(name);
    expect(calls).not.toContain('views:list');
  });

  it('covers every change topic main can announce', () => {
    for (const [topic, calls] of Object.entries(TOPIC_CALLS)) expect(calls.length, topic).toBeGreaterThan(0);
  });

  it('maps the other topics', () => {
    // The mail outbox and the reply composer read the outbox too.
    expect(callsForTopics(['outbox'])).toEqual(['sync:status', 'mail:outbox', 'mail:composer']);
    expect(callsForTopics(['views'])).toEqual(['views:list']);
    expect(callsForTopics(['session'])).toEqual(['session:get']);
    expect(callsForTopics(['reference'])).toEqual(['reference:get']);
    expect(callsForTopics(['audit'])).toEqual(['audit:list']);
    expect(callsForTopics(['settings'])).toEqual(['app:info', 'mail:templates', 'mail:settings', 'admin:settings']);
  });

  it('merges topics without duplicates and ignores unknown ones', () => {
    const calls = callsForTopics(['submissions', 'triage', 'sync', 'weather']);
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls).toContain('sync:status');
    expect(calls).toContain('inbox:list');
  });
});
