import type { ReferenceData } from '../../shared/domain.js';
import type { WireReference, WireStaff } from '../../shared/office-api.js';
import { appendAudit, listAudit } from '../store/audit.js';
import { quarantineCount } from '../store/quarantine.js';
import { kvGetJson } from '../store/statements.js';
import type { HandlerGroup, ServiceState } from './context.js';

export function referenceData(s: ServiceState): ReferenceData {
  const ref = kvGetJson<WireReference>(s.db, 'reference');
  const staff = kvGetJson<WireStaff[]>(s.db, 'staff') ?? [];
  const labelled = (xs: WireReference['categories'] | undefined) => (xs ?? []).map((x) => ({ code: x.code, labelJa: x.label_ja, labelEn: x.label_en }));
  return {
    version: ref?.version ?? null,
    categories: labelled(ref?.categories),
    themes: labelled(ref?.themes),
    ageBands: labelled(ref?.age_bands),
    ministries: (ref?.ministries ?? []).map((m) => ({ code: m.code, nameJa: m.name_ja, nameEn: m.name_en, active: m.active })),
    staff: staff.map((x) => ({ id: x.id, name: x.name, role: x.role, active: x.active })),
  };
}

export function syncAdminHandlers(s: ServiceState): HandlerGroup<'reference:get' | 'sync:status' | 'sync:now' | 'audit:list' | 'quarantine:count'> {
  return {
    'reference:get': () => referenceData(s),
    'sync:status': () => s.runner.getStatus(),
    'sync:now': () => {
      // The renderer does not wait for the network: progress arrives as change events.
      void s.runner.syncNow().catch(() => undefined);
    },
    'audit:list': ({ limit }) => {
      const staff = s.staff();
      appendAudit(s.db, { actor: staff?.id ?? null, action: 'audit_viewed', detail: { limit } });
      return listAudit(s.db, limit).map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown> }));
    },
    'quarantine:count': () => ({ count: quarantineCount(s.db) }),
  };
}
