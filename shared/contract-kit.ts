// The mechanics of the IPC contract: how a call is declared, the result envelope, and the
// types the preload and the renderer's client are built from. The calls themselves live in
// contract.ts. Plain TypeScript + zod: no Node, no Electron, no DOM.
import { z } from 'zod';
import type { Role } from './office-api.js';

/** The input of a call that takes none. */
export const none = z.object({}).strict().default({});

export interface CallSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Phantom: carries the output type only. */
  output: O;
  /** Lowest role allowed to make the call; enforced in main. Absent: any signed-in or signed-out user. */
  role?: Role;
  /** True for calls that work before sign-in (session, app info). */
  public?: boolean;
}

/** Declares a call: `call(z.object({...})).returns<Output>()`. */
export function call<I extends z.ZodType>(input: I, opts: { role?: Role; public?: boolean } = {}) {
  return {
    returns<O>(): CallSpec<I, O> {
      return { input, output: undefined as unknown as O, ...opts };
    },
  };
}

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Extra machine-readable detail (e.g. who holds a reply claim). */
  detail?: Record<string, unknown>;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ERROR_CODES = [
  'bad_request', // the payload did not match the call's schema
  'unknown_call',
  'forbidden_sender', // the sender's frame or origin is not the app's
  'unauthenticated', // not signed in
  'forbidden', // the role may not do this
  'not_found',
  'conflict',
  'offline',
  'invalid_credentials',
  'store_unavailable', // database cannot be written (disk full, read-only, corrupt)
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error a service throws to reach the UI with a code and a message it can show. */
export class KoeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'KoeError';
  }
}

export type Contract = Record<string, CallSpec>;
export type InputOf<C extends Contract, K extends keyof C> = z.input<C[K]['input']>;
export type ParsedInputOf<C extends Contract, K extends keyof C> = z.output<C[K]['input']>;
export type OutputOf<C extends Contract, K extends keyof C> = C[K]['output'];

/** What the renderer holds: one async function per call. */
export type ClientApi<C extends Contract> = {
  [K in keyof C]: (input: InputOf<C, K>) => Promise<OutputOf<C, K>>;
};

/** What main implements: one handler per call, given the parsed input and the caller. */
export type Handlers<C extends Contract, Ctx> = {
  [K in keyof C]: (input: ParsedInputOf<C, K>, ctx: Ctx) => Promise<OutputOf<C, K>> | OutputOf<C, K>;
};

/** IPC channel names are the call names under one prefix, so main can allow-list them. */
export const CHANNEL_PREFIX = 'koe:';
export const CHANGE_CHANNEL = 'koe-changed';
