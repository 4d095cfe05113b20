// Building an export file: bring the rollups up to date, read the report, lay out its tables and
// write CSV, XLSX or PDF — reporting progress as it goes and stopping at the next step when the
// user cancels. The same function serves the screen (through the reports:export call) and the
// CLI, so the two can never differ.
import type { z } from 'zod';
import type { reportExportInput, ExportPhase, ExportProgress, ReportFormat } from '../../shared/contract-reports.js';
import type { Db } from '../store/db.js';
import { buildReport } from './aggregates.js';
import { reportCsv } from './csv.js';
import { reportPdf } from './pdf.js';
import { loadReference } from './reference.js';
import { dirtyDayCount, refreshRollups } from './rollup.js';
import { reportTables } from './tables.js';
import { reportXlsx } from './xlsx.js';

export type ParsedExportInput = z.output<typeof reportExportInput>;

export const MIME: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export interface ReportFile {
  fileName: string;
  mime: string;
  bytes: Buffer;
}

export function reportFileName(input: Pick<ParsedExportInput, 'query' | 'format' | 'publication'>): string {
  return `koe-report_${input.query.from}_${input.query.to}${input.publication ? '_publication' : ''}.${input.format}`;
}

export interface BuildOptions {
  threshold: number;
  now?: Date;
  signal?: AbortSignal;
  onProgress?(phase: ExportPhase, fraction: number): void;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function buildReportFile(db: Db, input: ParsedExportInput, opts: BuildOptions): Promise<ReportFile> {
  const now = opts.now ?? new Date();
  const progress = (phase: ExportPhase, fraction: number) => opts.onProgress?.(phase, Math.min(1, Math.max(0, fraction)));
  const check = () => opts.signal?.throwIfAborted();

  // Up to 40 %: rollups of days written since the last report (usually none or a few).
  progress('preparing', 0);
  if (dirtyDayCount(db) > 0) await refreshRollups(db, { signal: opts.signal, onProgress: (done, total) => progress('preparing', (0.4 * done) / total) });
  check();
  progress('aggregating', 0.4);
  await turn();
  check();
  const report = buildReport(db, input.query, { now });
  const set = reportTables(report, { language: input.language, publication: input.publication, threshold: opts.threshold, reference: loadReference(db) });
  progress('rendering', 0.5);
  await turn();
  check();

  // 50–95 %: one step per table.
  const onTable = async (done: number, total: number) => {
    progress('rendering', 0.5 + (0.45 * done) / total);
    await turn();
    check();
  };
  let bytes: Buffer;
  switch (input.format) {
    case 'csv':
      bytes = reportCsv(set);
      break;
    case 'xlsx':
      bytes = await reportXlsx(set, { now, onTable });
      break;
    case 'pdf':
      bytes = await reportPdf(set, { now, onTable });
      break;
  }
  check();
  progress('rendering', 0.95);
  return { fileName: reportFileName(input), mime: MIME[input.format], bytes };
}

/** What the audit log records of an export: who and when come from appendAudit. */
export function auditDetail(input: ParsedExportInput, threshold: number, file: ReportFile, door: string) {
  return {
    from: input.query.from,
    to: input.query.to,
    granularity: input.query.granularity,
    filters: input.query.filter,
    format: input.format,
    mode: input.publication ? 'publication' : 'internal',
    threshold: input.publication ? threshold : null,
    language: input.language,
    file: file.fileName,
    bytes: file.bytes.length,
    door,
  };
}

/** Exports in progress, for the progress bar and the cancel button. Finished ones linger briefly. */
export class ExportTracker {
  private readonly jobs = new Map<string, ExportProgress & { controller: AbortController; endedAt: number | null }>();

  constructor(
    private readonly announce: () => void,
    private readonly keepMs = 60_000,
  ) {}

  start(exportId: string): AbortSignal {
    this.sweep();
    const existing = this.jobs.get(exportId);
    if (existing && existing.endedAt === null) throw new Error(`export ${exportId} is already running`);
    const controller = new AbortController();
    this.jobs.set(exportId, { exportId, phase: 'preparing', fraction: 0, controller, endedAt: null });
    this.announce();
    return controller.signal;
  }

  /** At most one announcement per percent, so a long export does not flood the change channel. */
  update(exportId: string, phase: ExportPhase, fraction: number): void {
    const job = this.jobs.get(exportId);
    if (!job || job.endedAt !== null) return;
    const changed = job.phase !== phase || Math.floor(job.fraction * 100) !== Math.floor(fraction * 100);
    job.phase = phase;
    job.fraction = fraction;
    if (changed) this.announce();
  }

  finish(exportId: string, phase: 'done' | 'cancelled' | 'failed'): void {
    const job = this.jobs.get(exportId);
    if (!job) return;
    job.phase = phase;
    job.fraction = phase === 'done' ? 1 : job.fraction;
    job.endedAt = Date.now();
    this.announce();
  }

  progress(exportId: string): ExportProgress | null {
    this.sweep();
    const job = this.jobs.get(exportId);
    return job ? { exportId: job.exportId, phase: job.phase, fraction: job.fraction } : null;
  }

  cancel(exportId: string): boolean {
    const job = this.jobs.get(exportId);
    if (!job || job.endedAt !== null) return false;
    job.controller.abort();
    return true;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.endedAt !== null && now - job.endedAt > this.keepMs) this.jobs.delete(id);
  }
}
