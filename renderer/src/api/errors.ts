// Reading the `code` and `message` the bridge puts on a rejected call.
import type { ErrorCode } from '../../../shared/contract-kit.js';

export function errorCode(error: unknown): ErrorCode | null {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code as ErrorCode;
  return null;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}
