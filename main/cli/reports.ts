// `koe report`: the report screen's exports from the command line, for supervisors' scheduled
// jobs — the same code (main/reports/exporter.ts), the same role rule (the signed-in session of
// the last sync must be a supervisor's or an admin's; a refusal is written to the audit log)
// and the same audit entry for every file written.
import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { reportExportInput, GRANULARITIES, EXPORT_FORMATS } from '../../shared/contract-reports.js';
import { appendAudit } from '../store/audit.js';
import { auditDetail, buildReportFile } from '../reports/exporter.js';
import { effectiveThreshold, thresholdSetting } from '../reports/threshold.js';
import { hasRole } from '../ipc/dispatch.js';
import { storedSession } from '../sync/connection.js';
import { str, strs, UsageError, type Command } from './command.js';

export const reportsCommands: Command[] = [
  {
    name: 'report',
    usage: [
      'report --from YYYY-MM-DD --to YYYY-MM-DD --format csv|xlsx|pdf --out FILE [--publication]',
      '       [--granularity day|week|month] [--lang ja|en] [--threshold N] [--json]',
      '       [--category C] [--theme T] [--age-band A] [--channel form|email] [--status S]   (each repeatable)',
    ],
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      publication: { type: 'boolean' },
      granularity: { type: 'string' },
      lang: { type: 'string' },
      threshold: { type: 'string' },
      json: { type: 'boolean' },
      category: { type: 'string', multiple: true },
      theme: { type: 'string', multiple: true },
      'age-band': { type: 'string', multiple: true },
      channel: { type: 'string', multiple: true },
      status: { type: 'string', multiple: true },
    },
    run: async (ctx) => {
      const v = ctx.values;
      const out = str(v.out);
      if (!str(v.from) || !str(v.to) || !str(v.format) || !out) throw new UsageError('report needs --from, --to, --format and --out');
      const thresholdArg = str(v.threshold);
      if (thresholdArg !== undefined && !/^\d+$/.test(thresholdArg)) throw new UsageError('--threshold takes a whole number');
      const parsed = reportExportInput.safeParse({
        query: {
          from: str(v.from),
          to: str(v.to),
          granularity: str(v.granularity) ?? 'day',
          filter: {
            category: strs(v.category),
            theme: strs(v.theme),
            ageBand: strs(v['age-band']),
            channel: strs(v.channel),
            status: strs(v.status),
          },
        },
        format: str(v.format),
        publication: v.publication === true,
        language: str(v.lang) ?? 'ja',
        threshold: thresholdArg === undefined ? undefined : Number(thresholdArg),
        exportId: `cli-${process.pid}-${Date.now()}`,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue.path.filter((p) => p !== 'query' && p !== 'filter').join('.');
        throw new UsageError(`${where ? `${where}: ` : ''}${issue.message} (formats: ${EXPORT_FORMATS.join(', ')}; granularity: ${GRANULARITIES.join(', ')})`);
      }
      const input = parsed.data;

      return ctx.withStore(async (db) => {
        const session = storedSession(db);
        if (!session) throw new Error('no one is signed in on this data dir: run `koe sync --once` with a supervisor’s KOE_USERNAME and KOE_PASSWORD first');
        if (!hasRole(session.staff.role, 'supervisor')) {
          appendAudit(db, { actor: session.staff.id, action: 'role_refused', detail: { call: 'cli:report', reason: `role ${session.staff.role} is below supervisor` } });
          throw new Error(`reports need the supervisor role; ${session.staff.id} is ${session.staff.role}`);
        }
        const threshold = effectiveThreshold((await thresholdSetting(db)).value, input.threshold);
        const controller = new AbortController();
        const onSignal = () => controller.abort();
        process.once('SIGINT', onSignal);
        let lastPhase = '';
        try {
          const file = await buildReportFile(db, input, {
            threshold,
            signal: controller.signal,
            onProgress: (phase) => {
              if (phase !== lastPhase) ctx.err(`${phase}…`);
              lastPhase = phase;
            },
          });
          // Recorded before the file exists, so no export goes unrecorded.
          appendAudit(db, { actor: session.staff.id, action: 'report_exported', detail: auditDetail(input, threshold, { ...file, fileName: basename(out) }, 'cli') });
          const partial = join(dirname(out), `.${basename(out)}.partial`);
          writeFileSync(partial, file.bytes);
          renameSync(partial, out);
          const summary = { file: out, bytes: file.bytes.length, format: input.format, mode: input.publication ? 'publication' : 'internal', threshold: input.publication ? threshold : null };
          if (v.json) ctx.out(JSON.stringify(summary));
          else ctx.err(`wrote ${out} (${file.bytes.length} bytes, ${summary.mode})`);
          return 0;
        } catch (e) {
          if (controller.signal.aborted) {
            ctx.err('koe: report cancelled; nothing was written');
            return 130;
          }
          throw e;
        } finally {
          process.off('SIGINT', onSignal);
        }
      });
    },
  },
];
