// Where the database key comes from. The key is 32 random bytes made on first run and kept only
// wrapped: by Electron's safeStorage in the app, by a 0600 key file for headless runs (CLI, tests).

export interface KeyProvider {
  /** A short name for diagnostics ("key-file", "safe-storage"). */
  readonly kind: string;
  /** Returns the existing key, or makes, stores and returns a new one when none exists yet. */
  getOrCreateKey(): Promise<Buffer>;
  /** Returns the existing key, or null when none has been made (never creates one). */
  getKey(): Promise<Buffer | null>;
  /** Replaces the stored key (rekey). */
  storeKey(key: Buffer): Promise<void>;
  /**
   * A second slot, kept the same way, where a new key waits during a rekey: written before the
   * database changes, promoted after, so a crash at any moment leaves a key that opens it.
   */
  pendingSlot?(): PendingKeySlot;
}

export interface PendingKeySlot {
  getKey(): Promise<Buffer | null>;
  storeKey(key: Buffer): Promise<void>;
  /** Removes the slot (after promotion, or when the rekey never reached the database). */
  discard(): Promise<void>;
}

export const KEY_BYTES = 32;

export class KeyError extends Error {
  constructor(
    readonly code: 'no_encryption' | 'plaintext_backend' | 'backend_changed' | 'bad_key_file' | 'unwrap_failed',
    message: string,
  ) {
    super(message);
    this.name = 'KeyError';
  }
}
