// The transfers commands: what is marked and waiting, per ministry, and every transfer with its
// status. `sync --once` also pushes this workstation's queued transfers (after the feeds).
import { pushTransferOutbox } from '../transfers/sender.js';
import { listOutbox } from '../transfers/outbox.js';
import { listTransfers, pendingGroups } from '../transfers/tracking.js';
import { addAfterSync } from './core.js';
import { UsageError, type Command } from './command.js';

addAfterSync(async (db, _summary, client) => {
  const r = await pushTransferOutbox(db, client);
  return { transfers_sent: r.sent, transfers_refused: r.refused };
});

export const transfersCommands: Command[] = [
  {
    name: 'transfers',
    usage: [
      'transfers pending --json               per ministry: marked (by anyone), not yet transferred',
      'transfers --json                       every transfer with its status and reason',
    ],
    options: { json: { type: 'boolean' } },
    run: (ctx) => {
      const sub = ctx.args[0];
      if (sub !== undefined && sub !== 'pending') throw new UsageError(`unknown transfers command: ${sub}`);
      if (!ctx.values.json) throw new UsageError('transfers prints JSON lines: pass --json');
      return ctx.withStore((db) => {
        if (sub === 'pending') {
          for (const g of pendingGroups(db)) ctx.out(JSON.stringify({ ministry: g.ministry, submission_ids: g.items.map((i) => i.id) }));
          return 0;
        }
        for (const t of listTransfers(db, Number.MAX_SAFE_INTEGER)) {
          ctx.out(JSON.stringify({
            id: t.id, ministry: t.ministry, status: t.status, reason: t.reason, submission_ids: t.submissionIds, note: t.note,
            include_contact: t.includeContact, created_by: t.createdBy, created_at: t.createdAt, updated_at: t.updatedAt,
          }));
        }
        // Still on this workstation: not yet stored by the office (queued), or refused by it.
        for (const q of listOutbox(db)) {
          ctx.out(JSON.stringify({
            id: q.id, ministry: q.ministry, status: q.refused ? 'refused' : 'queued', reason: q.refused?.message ?? q.lastError, submission_ids: q.submissionIds, note: q.note,
            include_contact: q.includeContact, created_by: null, created_at: q.createdAt, updated_at: q.createdAt,
          }));
        }
        return 0;
      });
    },
  },
];
