// The transfers calls: what is marked and waiting, suggestions, sending through the outbox,
// refusals, tracking, the record for the file and the admin's theme → ministry mapping.
import { KoeError } from '../../shared/contract-kit.js';
import { appendAudit } from '../store/audit.js';
import { idsMatching } from '../store/inbox-queries.js';
import { buildExport } from '../transfers/export.js';
import { whyNotChoosable } from '../transfers/ministries.js';
import { discardRefused, listOutbox, queueBatch, resendRefused } from '../transfers/outbox.js';
import { rankSuggestions, setThemeMinistry, themeCounts, themeMap } from '../transfers/suggest.js';
import { listTransfers, pendingGroups, transfersOf } from '../transfers/tracking.js';
import { requireStaff, type HandlerGroup, type ServiceState } from './context.js';
import { queryContext } from './inbox.js';
import { handOver } from './save-dialog.js';

type TransferCalls =
  | 'transfers:pending'
  | 'transfers:suggest'
  | 'transfers:send'
  | 'transfers:outbox'
  | 'transfers:resend'
  | 'transfers:discard'
  | 'transfers:list'
  | 'transfers:ofSubmission'
  | 'transfers:export'
  | 'transfers:themeMap'
  | 'transfers:setThemeMinistry';

export function transfersHandlers(s: ServiceState): HandlerGroup<TransferCalls> {
  const changed = () => {
    s.emit(['transfers', 'outbox']);
    s.runner.schedulePush();
  };
  return {
    'transfers:pending': () => {
      // What colleagues sent since the last sync, read in the background: the list updates itself.
      s.runner.refreshTransfersSoon();
      return pendingGroups(s.db);
    },
    'transfers:suggest': ({ target }) => {
      const ids = 'ids' in target ? target.ids : idsMatching(s.db, target.filter, queryContext(s));
      return rankSuggestions(themeCounts(s.db, ids), themeMap(s.db), (code) => whyNotChoosable(s.db, code) === null);
    },
    'transfers:send': (input) => {
      const staff = requireStaff(s);
      const { drafts, skipped } = queueBatch(s.db, input, staff.id);
      if (input.includeContact) s.emit(['audit']);
      changed();
      return { transferIds: drafts.map((d) => d.id), count: drafts.reduce((n, d) => n + d.submissionIds.length, 0), skipped };
    },
    'transfers:outbox': () => listOutbox(s.db),
    'transfers:resend': ({ id }) => {
      const staff = requireStaff(s);
      const r = resendRefused(s.db, id, { actor: staff.id });
      changed();
      return r;
    },
    'transfers:discard': ({ id }) => {
      requireStaff(s);
      discardRefused(s.db, id);
      s.emit(['transfers', 'outbox']);
    },
    'transfers:list': ({ limit }) => listTransfers(s.db, limit),
    'transfers:ofSubmission': ({ id }) => transfersOf(s.db, id),
    'transfers:export': async ({ id, format }, ctx) => {
      const staff = requireStaff(s);
      const file = await buildExport(s.db, id, format);
      return handOver(file, ctx.door, s.saveDialog, () => {
        if (!file.withContact) return;
        appendAudit(s.db, { actor: staff.id, action: 'transfer_exported_with_contact', detail: { transfer_id: id, format, file: file.fileName } });
        s.emit(['audit']);
      });
    },
    'transfers:themeMap': () => themeMap(s.db),
    'transfers:setThemeMinistry': ({ theme, ministry }) => {
      const staff = requireStaff(s);
      if (ministry !== null && whyNotChoosable(s.db, ministry)) throw new KoeError('bad_request', whyNotChoosable(s.db, ministry)!);
      setThemeMinistry(s.db, theme, ministry);
      appendAudit(s.db, { actor: staff.id, action: 'transfer_theme_map_changed', detail: { theme, ministry } });
      s.emit(['transfers', 'audit']);
    },
  };
}
