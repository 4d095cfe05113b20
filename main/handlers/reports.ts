// The reports calls: the report screen's figures, and exports (CSV, XLSX, PDF; internal or for
// publication) with progress and cancel. Supervisors and admins only — the contract says so and
// the dispatcher refuses (and logs) anyone else before these run. Every export that leaves main
// is written to the audit log first.
import { KoeError } from '../../shared/contract-kit.js';
import { appendAudit } from '../store/audit.js';
import { buildReport } from '../reports/aggregates.js';
import { auditDetail, buildReportFile, ExportTracker, reportFileName } from '../reports/exporter.js';
import { refreshRollups } from '../reports/rollup.js';
import type { Policy } from '../policy/policy-definition.js';
import { effectiveThreshold, thresholdSetting } from '../reports/threshold.js';
import { requireStaff, type HandlerGroup, type ServiceState } from './context.js';
import { handOver } from './save-dialog.js';

type ReportCalls = 'reports:get' | 'reports:settings' | 'reports:export' | 'reports:exportProgress' | 'reports:cancelExport';

export interface ReportsDeps {
  /** The managed policy (tests pass one; the app reads the machine's once). */
  policy?: () => Promise<Policy>;
}

export function reportsHandlers(s: ServiceState, deps: ReportsDeps = {}): HandlerGroup<ReportCalls> {
  const exports = new ExportTracker(() => s.emit(['reports']));
  return {
    'reports:get': async (query) => {
      await refreshRollups(s.db);
      return buildReport(s.db, query);
    },
    'reports:settings': async () => {
      const t = await thresholdSetting(s.db, deps.policy);
      return { suppressionThreshold: t.value, thresholdLocked: t.locked };
    },
    'reports:export': async (input, ctx) => {
      const staff = requireStaff(s);
      const threshold = effectiveThreshold((await thresholdSetting(s.db, deps.policy)).value, input.threshold);
      let signal: AbortSignal;
      try {
        signal = exports.start(input.exportId);
      } catch (e) {
        throw new KoeError('conflict', (e as Error).message);
      }
      const fileName = reportFileName(input);
      try {
        const file = await buildReportFile(s.db, input, { threshold, signal, onProgress: (phase, f) => exports.update(input.exportId, phase, f) });
        exports.update(input.exportId, 'saving', 0.97);
        const result = await handOver(file, ctx.door, s.saveDialog, () => {
          // A cancel that arrived while the dialog was open still stops it here.
          signal.throwIfAborted();
          appendAudit(s.db, { actor: staff.id, action: 'report_exported', detail: auditDetail(input, threshold, file, ctx.door) });
          s.emit(['audit']);
        });
        exports.finish(input.exportId, result.outcome === 'cancelled' ? 'cancelled' : 'done');
        return result;
      } catch (e) {
        if (signal.aborted) {
          exports.finish(input.exportId, 'cancelled');
          return { outcome: 'cancelled', fileName };
        }
        exports.finish(input.exportId, 'failed');
        throw e;
      }
    },
    'reports:exportProgress': ({ exportId }) => exports.progress(exportId),
    'reports:cancelExport': ({ exportId }) => ({ cancelled: exports.cancel(exportId) }),
  };
}
