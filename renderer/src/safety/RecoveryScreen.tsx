// The database file is damaged. The screen says so, lists exactly which unsent work is at stake
// (read from the damaged file), and offers the two ways back: the newest backup, or a fresh
// download from the office server. Either way Koe carries the unsent work over and keeps the
// damaged file; the staff member confirms after reading the list.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { PendingItem, RecoveryResult, StartupProblemInfo } from '../../../shared/contract-safety.js';
import { errorMessage } from '../api/errors.js';
import { useKoe } from '../api/client-context.js';
import { useCall } from '../api/use-call.js';
import { LanguageToggle } from '../app/LanguageToggle.js';
import { formatDateTime } from '../i18n/format.js';
import { Dialog } from '../ui/Dialog.js';
import { describePending, formatBytes, localized, useSafetyText } from './text.js';

type Choice = 'restore' | 'resync';

export function RecoveryScreen({ problem, onDone }: { problem: StartupProblemInfo; onDone: (r: RecoveryResult) => void }) {
  const { lang, s } = useSafetyText();
  const client = useKoe();
  const plan = useCall('safety:recoveryPlan', {});
  const [choice, setChoice] = useState<Choice | null>(null);
  const recover = useMutation({
    mutationFn: (c: Choice) => client['safety:recover']({ choice: c, confirmed: true }),
    onSuccess: (r) => {
      setChoice(null);
      onDone(r);
    },
  });
  const p = plan.data ?? null;
  const backup = p?.latestBackup ?? null;
  const items = p?.pending.items ?? [];

  return (
    <div className="app">
      <main className="safety-screen" aria-labelledby="safety-title">
        <div className="safety-panel">
          <div className="safety-head">
            <h1 id="safety-title">{localized(problem.title, lang)}</h1>
            <LanguageToggle />
          </div>
          <p role="alert">{localized(problem.whatHappened, lang)}</p>
          <p>{localized(problem.whatToDo, lang)}</p>

          <section aria-labelledby="safety-unsent">
            <h2 id="safety-unsent">{s('recovery.unsent.title')}</h2>
            {plan.isPending ? <p aria-busy="true">{s('recovery.working')}</p> : <UnsentWork plan={p} />}
          </section>

          <section aria-labelledby="safety-choose">
            <h2 id="safety-choose">{s('recovery.choose')}</h2>
            <div className="safety-choices">
              <div className="safety-choice">
                <h3>{s('recovery.restore.title')}</h3>
                <p>{backup ? s('recovery.restore.body', { when: formatDateTime(backup.createdAt, lang), size: formatBytes(backup.bytes) }) : s('recovery.restore.none')}</p>
                <button type="button" className="button button-primary" disabled={!backup || recover.isPending || plan.isPending} onClick={() => setChoice('restore')}>
                  {s('recovery.restore.title')}
                </button>
              </div>
              <div className="safety-choice">
                <h3>{s('recovery.resync.title')}</h3>
                <p>{s('recovery.resync.body')}</p>
                <button type="button" className="button" disabled={recover.isPending || plan.isPending} onClick={() => setChoice('resync')}>
                  {s('recovery.resync.title')}
                </button>
              </div>
            </div>
            <p className="safety-muted">{s('recovery.kept')}</p>
          </section>
        </div>
      </main>
      {choice ? (
        <ConfirmRecovery
          choice={choice}
          backupAt={backup ? formatDateTime(backup.createdAt, lang) : ''}
          unsent={items.length}
          working={recover.isPending}
          error={recover.isError ? errorMessage(recover.error) : null}
          onConfirm={() => recover.mutate(choice)}
          onCancel={() => {
            recover.reset();
            setChoice(null);
          }}
        />
      ) : null}
    </div>
  );
}

function UnsentWork({ plan }: { plan: { pending: { readable: boolean; items: PendingItem[] }; lastSyncAt: string | null } | null }) {
  const { lang, s } = useSafetyText();
  if (!plan) return null;
  const { readable, items } = plan.pending;
  const unreadable = plan.lastSyncAt ? s('recovery.unsent.unreadable', { when: formatDateTime(plan.lastSyncAt, lang) }) : s('recovery.unsent.unreadableNever');
  if (items.length === 0) return <p className={readable ? undefined : 'safety-warning'}>{readable ? s('recovery.unsent.none') : unreadable}</p>;
  return (
    <>
      <p className="safety-warning">{s('recovery.unsent.intro', { count: items.length })}</p>
      {readable ? null : <p className="safety-warning">{s('recovery.unsent.partly')}</p>}
      <PendingTable items={items} />
    </>
  );
}

function PendingTable({ items }: { items: PendingItem[] }) {
  const { lang, s, app } = useSafetyText();
  return (
    <table className="safety-table">
      <thead>
        <tr>
          <th scope="col">{s('recovery.col.submission')}</th>
          <th scope="col">{s('recovery.col.action')}</th>
          <th scope="col">{s('recovery.col.when')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td className="safety-id">{item.submissionId}</td>
            <td>{describePending(item, app)}</td>
            <td>{item.madeAt ? formatDateTime(item.madeAt, lang) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ConfirmRecovery(props: { choice: Choice; backupAt: string; unsent: number; working: boolean; error: string | null; onConfirm: () => void; onCancel: () => void }) {
  const { s } = useSafetyText();
  const [checked, setChecked] = useState(false);
  return (
    <Dialog title={s('recovery.confirm.title')} onClose={props.onCancel} dismissible={!props.working}>
      <p>{props.choice === 'restore' ? s('recovery.confirm.restore', { when: props.backupAt }) : s('recovery.confirm.resync')}</p>
      {props.unsent > 0 ? <p>{s('recovery.confirm.unsent', { count: props.unsent })}</p> : null}
      <p>{s('recovery.kept')}</p>
      <label className="safety-check">
        <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} data-autofocus />
        {s('recovery.confirm.check')}
      </label>
      {props.error ? <p role="alert" className="safety-error">{s('recovery.failed', { error: props.error })}</p> : null}
      <div className="safety-actions">
        <button type="button" className="button" onClick={props.onCancel} disabled={props.working}>
          {s('recovery.confirm.cancel')}
        </button>
        <button type="button" className="button button-primary" onClick={props.onConfirm} disabled={!checked || props.working} aria-busy={props.working}>
          {props.working ? s('recovery.working') : s(props.choice === 'restore' ? 'recovery.confirm.go.restore' : 'recovery.confirm.go.resync')}
        </button>
      </div>
    </Dialog>
  );
}

export function RecoveryDone({ result, onContinue }: { result: RecoveryResult; onContinue: () => void }) {
  const { s } = useSafetyText();
  return (
    <div className="app">
      <main className="safety-screen" aria-labelledby="safety-title">
        <div className="safety-panel">
          <div className="safety-head">
            <h1 id="safety-title">{s('recovery.done.title')}</h1>
            <LanguageToggle />
          </div>
          <p role="status">{s('recovery.done.carried', { count: result.carriedOver })}</p>
          {result.lost.length > 0 ? (
            <>
              <p className="safety-warning">{s('recovery.done.lost', { count: result.lost.length })}</p>
              <PendingTable items={result.lost} />
            </>
          ) : null}
          {result.keptAs ? <p className="safety-muted">{s('recovery.done.kept', { path: result.keptAs })}</p> : null}
          <div className="safety-actions">
            <button type="button" className="button button-primary" onClick={onContinue} data-autofocus autoFocus>
              {s('recovery.done.continue')}
            </button>
          </div>
        </div>
      </main>
    </div>
  );
}
