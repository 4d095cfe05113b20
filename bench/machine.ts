// What the figures were measured on: they only mean something beside the machine that made them.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3-multiple-ciphers';

export interface Machine {
  date: string;
  nproc: number;
  memoryGiB: number;
  cpu: string;
  os: string;
  node: string;
  sqlite: string;
  sqlite3mc: string | null;
  /** 1-minute load average when the run started: other work on the machine skews wall times. */
  loadAtStart: number;
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1].trim();
  } catch {
    /* not Linux: fall back to what Node reports */
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function describeMachine(): Machine {
  const db = new Database(':memory:');
  try {
    const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    let sqlite3mc: string | null = null;
    try {
      sqlite3mc = (db.prepare('SELECT sqlite3mc_version() AS v').get() as { v: string }).v;
    } catch {
      /* an SQLite without the cipher extension */
    }
    return {
      date: new Date().toString(),
      nproc: os.availableParallelism(),
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      cpu: cpuModel(),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      sqlite,
      sqlite3mc,
      loadAtStart: os.loadavg()[0],
    };
  } finally {
    db.close();
  }
}

export function machineLines(m: Machine): string[] {
  return [
    `date:    ${m.date}`,
    `machine: ${m.nproc} cores (nproc), ${m.memoryGiB} GiB, ${m.cpu}, ${m.os}`,
    `runtime: Node ${m.node}, SQLite ${m.sqlite}${m.sqlite3mc ? `, ${m.sqlite3mc}` : ''}`,
    `load:    1-min load average ${m.loadAtStart.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end (other processes share the machine)`,
  ];
}
