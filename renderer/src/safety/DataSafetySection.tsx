// The data-safety part of About and settings: the latest backup and "back up now" for everyone;
// checking and exporting the audit log for supervisors; rotating the database key for admins.
// Roles are enforced in main; this only leaves out what the role cannot do.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useKoe } from '../api/client-context.js';
import { errorMessage } from '../api/errors.js';
import { useSession } from '../api/queries.js';
import { useCall } from '../api/use-call.js';
import { formatDateTime } from '../i18n/format.js';
import { offerDownload } from '../transfers/download.js';
import { formatBytes, useSafetyText } from './text.js';
import './safety.css';

const RANK = { staff: 0, supervisor: 1, admin: 2 } as const;

export function DataSafetySection() {
  const { lang, s } = useSafetyText();
  const client = useKoe();
  const queryClient = useQueryClient();
  const session = useSession();
  const rank = RANK[session.data?.staff?.role ?? 'staff'];
  const status = useCall('safety:status', {}, { staleTime: 0 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['safety:status'] });

  const backup = useMutation({ mutationFn: () => client['safety:backupNow']({}), onSettled: refresh });
  const verify = useMutation({ mutationFn: () => client['audit:verify']({}) });
  const exportLog = useMutation({
    mutationFn: () => client['audit:export']({}),
    onSuccess: (r) => {
      if (r.outcome === 'download') offerDownload(r.fileName, r.mime, r.base64);
    },
  });
  const [confirmRekey, setConfirmRekey] = useState(false);
  const rekey = useMutation({ mutationFn: () => client['safety:rekey']({}), onSettled: () => setConfirmRekey(false) });

  const latest = status.data?.latestBackup ?? null;
  const failure = [backup, verify, exportLog, rekey].find((m) => m.isError)?.error;

  return (
    <section className="about-section" aria-labelledby="about-data-safety">
      <h3 id="about-data-safety" className="about-heading">
        {s('section.title')}
      </h3>
      <p className="about-hint">{latest ? s('section.lastBackup', { when: formatDateTime(latest.createdAt, lang), size: formatBytes(latest.bytes) }) : s('section.noBackup')}</p>
      <div className="safety-buttons">
        <button type="button" className="button button-small" disabled={backup.isPending} aria-busy={backup.isPending} onClick={() => backup.mutate()}>
          {s('section.backupNow')}
        </button>
        {rank >= RANK.supervisor ? (
          <>
            <button type="button" className="button button-small" disabled={verify.isPending} onClick={() => verify.mutate()}>
              {s('section.auditVerify')}
            </button>
            <button type="button" className="button button-small" disabled={exportLog.isPending} onClick={() => exportLog.mutate()}>
              {s('section.auditExport')}
            </button>
          </>
        ) : null}
        {rank >= RANK.admin && !confirmRekey ? (
          <button type="button" className="button button-small" onClick={() => setConfirmRekey(true)}>
            {s('section.rekey')}
          </button>
        ) : null}
      </div>
      {confirmRekey ? (
        <div className="safety-confirm">
          <p>{s('section.rekeyLead')}</p>
          <div className="safety-buttons">
            <button type="button" className="button button-small" disabled={rekey.isPending} onClick={() => setConfirmRekey(false)}>
              {s('recovery.confirm.cancel')}
            </button>
            <button type="button" className="button button-small button-primary" disabled={rekey.isPending} aria-busy={rekey.isPending} onClick={() => rekey.mutate()}>
              {rekey.isPending ? s('recovery.working') : s('section.rekeyConfirm')}
            </button>
          </div>
        </div>
      ) : null}
      <div role="status">
        {backup.data ? <p>{s('section.backupDone', { size: formatBytes(backup.data.bytes) })}</p> : null}
        {verify.data?.ok ? <p>{s('section.auditOk', { count: verify.data.entries })}</p> : null}
        {exportLog.data && exportLog.data.outcome !== 'cancelled' ? <p>{s('section.auditSaved', { count: exportLog.data.entries, file: exportLog.data.fileName })}</p> : null}
        {rekey.data ? <p>{s('section.rekeyDone', { seconds: (rekey.data.ms / 1000).toFixed(1), count: rekey.data.backupsRekeyed })}</p> : null}
      </div>
      {verify.data && !verify.data.ok ? <p role="alert" className="safety-error">{s('section.auditBroken', { problem: verify.data.problem ?? '' })}</p> : null}
      {failure ? <p role="alert" className="safety-error">{s('section.failed', { error: errorMessage(failure) })}</p> : null}
    </section>
  );
}
