// The part of main/services.ts the harness talks to. Declared here, not imported, so the bridge
// depends on nothing but the contract's shapes and its unit test can pass a small fake.
import type { Envelope } from '../../shared/contract-kit.js';
import type { ChangeEvent } from '../../shared/contract.js';

export interface BridgeServices {
  /** Runs one contract call for the signed-in user; never throws. */
  dispatch(name: string, rawInput: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to change announcements; returns the unsubscribe function. */
  onChange(listener: (e: ChangeEvent) => void): () => void;
}
