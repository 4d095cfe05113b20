// The reports reads and the export, one hook each. The report is keyed by its query, so a range
// seen before comes back at once; main's change events (submissions, triage, transfers) mark it
// stale. An export's progress is read again each time main announces the `reports` topic — no
// polling.
import { useMutation } from '@tanstack/react-query';
import type { ReportExportInput, ReportQuery } from '../../../shared/contract-reports.js';
import { useKoe } from '../api/client-context.js';
import { useCall } from '../api/use-call.js';

const NONE = {} as const;

export const useReport = (query: ReportQuery) => useCall('reports:get', query, { staleTime: Infinity, placeholderData: (prev) => prev });
export const useReportSettings = () => useCall('reports:settings', NONE, { staleTime: Infinity });

export function useExportProgress(exportId: string | null) {
  return useCall('reports:exportProgress', { exportId: exportId ?? 'none-none' }, { enabled: exportId !== null, staleTime: Infinity });
}

export function useExportReport() {
  const client = useKoe();
  return useMutation({ mutationFn: (input: ReportExportInput) => client['reports:export'](input) });
}

export function useCancelExport() {
  const client = useKoe();
  return useMutation({ mutationFn: (exportId: string) => client['reports:cancelExport']({ exportId }) });
}

/** A fresh id for one export (letters, digits and dashes, as the contract asks). */
export function newExportId(): string {
  return `export-${crypto.randomUUID()}`;
}
