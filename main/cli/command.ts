// What a CLI command is: a name, its usage line, its options (node:util parseArgs) and a run
// function given the parsed values and a way to open the store. Each domain declares its
// commands in a file of its own (core.ts, …) and cli.ts puts them together.
import type { ParseArgsConfig } from 'node:util';
import type { Db } from '../store/db.js';
import type { KeyProvider } from '../keys/key-provider.js';

export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CommandContext {
  values: Values;
  /** Positionals after the command name (e.g. `transfers pending` → ['pending']). */
  args: string[];
  dataDir: string;
  keys(): KeyProvider;
  /** Opens the store, runs fn, closes the store. */
  withStore<T>(fn: (db: Db) => Promise<T> | T): Promise<T>;
  out(line: string): void;
  err(line: string): void;
}

export interface Command {
  name: string;
  usage: string[];
  options?: Options;
  run(ctx: CommandContext): Promise<number> | number;
}

export const str = (v: Values[string]): string | undefined => (typeof v === 'string' ? v : undefined);
export const strs = (v: Values[string]): string[] | undefined => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : undefined);
