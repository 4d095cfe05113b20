// The one place a contract call is checked and run. The Electron IPC registration and the
// browser harness's loopback bridge both go through here, so a rule enforced here holds for
// every door into main.
import type { z } from 'zod';
import { KoeError, type Contract, type Envelope, type ErrorInfo, type Handlers } from '../../shared/contract-kit.js';
import type { Role } from '../../shared/office-api.js';

export type Dispatch<Ctx> = (name: string, rawInput: unknown, ctx: Ctx) => Promise<Envelope<unknown>>;

export interface RefusalInfo<Ctx> {
  call: string;
  reason: string;
  ctx: Ctx;
}

export interface DispatchOptions<Ctx> {
  /** Who is making the call; null when nobody is signed in. */
  getCaller(ctx: Ctx): { role: Role } | null;
  /** A signed-in caller tried a call above their role: main writes this to the audit log. */
  onRefused?(info: RefusalInfo<Ctx>): void;
  /** An unexpected error, for the app log; the caller only ever sees a generic message. */
  onInternalError?(info: { call: string; error: unknown; ctx: Ctx }): void;
}

/** Lowest to highest; a role may make every call its rank or a lower one allows. */
const ROLE_RANK = { staff: 0, supervisor: 1, admin: 2 } as const satisfies Record<Role, number>;

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong in Koe. Please try again; if it keeps happening, contact IT.';

/** At most this many schema problems are described, so a huge bad payload gives a short message. */
const MAX_ISSUES_SHOWN = 5;

export function createDispatcher<C extends Contract, Ctx>(
  contract: C,
  handlers: Handlers<C, Ctx>,
  opts: DispatchOptions<Ctx>,
): Dispatch<Ctx> {
  assertHandlersCoverContract(contract, handlers);

  return async (name, rawInput, ctx) => {
    // Own properties only: "constructor" or "__proto__" are not calls.
    if (!Object.hasOwn(contract, name)) {
      return failure({ code: 'unknown_call', message: `Unknown call: ${String(name).slice(0, 100)}` });
    }
    const spec = contract[name];

    // Who may call is settled before the payload is looked at: a caller without the right
    // learns nothing about the schema, and every refused attempt is logged whatever it carried.
    if (!spec.public) {
      const caller = opts.getCaller(ctx);
      if (!caller) {
        return failure({ code: 'unauthenticated', message: 'Please sign in to continue.' });
      }
      if (spec.role && !hasRole(caller.role, spec.role)) {
        const reason = `role ${String(caller.role)} is below ${spec.role}`;
        try {
          opts.onRefused?.({ call: name, reason, ctx });
        } catch (error) {
          // The refusal stands even when recording it fails.
          opts.onInternalError?.({ call: name, error, ctx });
        }
        return failure({ code: 'forbidden', message: `This needs the ${spec.role} role.` });
      }
    }

    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      return failure({ code: 'bad_request', ...describeIssues(parsed.error) });
    }

    try {
      const handler = handlers[name] as (input: unknown, ctx: Ctx) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof KoeError) {
        const info: ErrorInfo = { code: error.code, message: error.message };
        if (error.detail !== undefined) info.detail = error.detail;
        return failure(info);
      }
      // Anything else may carry SQL, paths or a stack: it goes to the log, never to the caller.
      opts.onInternalError?.({ call: name, error, ctx });
      return failure({ code: 'internal', message: INTERNAL_ERROR_MESSAGE });
    }
  };
}

/** Throws when the handlers and the contract disagree, so a missing call fails at start-up. */
export function assertHandlersCoverContract(contract: Contract, handlers: object): void {
  const calls = Object.keys(contract);
  const missing = calls.filter((c) => typeof (handlers as Record<string, unknown>)[c] !== 'function');
  const extra = Object.keys(handlers).filter((h) => !Object.hasOwn(contract, h));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [];
    if (missing.length > 0) parts.push(`missing handlers: ${missing.join(', ')}`);
    if (extra.length > 0) parts.push(`handlers for calls not in the contract: ${extra.join(', ')}`);
    throw new Error(`IPC handlers do not match the contract (${parts.join('; ')})`);
  }
}

export function hasRole(actual: unknown, required: Role): boolean {
  if (typeof actual !== 'string' || !Object.hasOwn(ROLE_RANK, actual)) return false;
  return ROLE_RANK[actual as Role] >= ROLE_RANK[required];
}

function failure(error: ErrorInfo): Envelope<never> {
  return { ok: false, error };
}

/** "limit: Too big: expected number to be <=1000" — the field named, the value never echoed. */
function describeIssues(error: z.ZodError): { message: string; detail: Record<string, unknown> } {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((i) => `${i.path || '(input)'}: ${i.message}`);
  if (issues.length > MAX_ISSUES_SHOWN) shown.push(`and ${issues.length - MAX_ISSUES_SHOWN} more`);
  return {
    message: `Invalid request — ${shown.join('; ')}`,
    detail: { issues: issues.slice(0, MAX_ISSUES_SHOWN) },
  };
}
