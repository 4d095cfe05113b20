// How a refused or failed call reaches the screens, whichever transport carried it: an Error
// with the envelope's `code` (to decide what to show) and `message` (to show).
import { ERROR_CODES, type Envelope, type ErrorCode } from '../../../shared/contract-kit.js';

export class KoeCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'KoeCallError';
  }
}

/** The value of an ok envelope; a KoeCallError for anything else. */
export function unwrapEnvelope(envelope: unknown): unknown {
  const e = envelope as Partial<Envelope<unknown>> | null;
  if (isRecord(e) && e.ok === true && 'value' in e) return e.value;
  if (isRecord(e) && e.ok === false && isRecord(e.error)) throw toCallError(e.error);
  throw new KoeCallError('internal', 'Unexpected answer from Koe’s background process.');
}

/**
 * Turns whatever a transport rejected with into a KoeCallError. The Electron preload rejects
 * with plain `{ code, message }` objects (contextBridge would strip an Error's fields).
 */
export function toCallError(error: unknown): KoeCallError {
  if (error instanceof KoeCallError) return error;
  if (isRecord(error)) {
    const { code, message, detail } = error;
    return new KoeCallError(
      isErrorCode(code) ? code : 'internal',
      typeof message === 'string' ? message : 'Unexpected error.',
      isRecord(detail) ? detail : undefined,
    );
  }
  return new KoeCallError('internal', 'Koe could not reach its background process.');
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
