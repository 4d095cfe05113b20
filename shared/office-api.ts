// Wire shapes of the office API, version 1, as ../shared/office-api.md defines them.
// Plain TypeScript + zod: used by the sync engine (to validate what the server sends),
// by the simulator (to type what it serves) and by tests.
import { z } from 'zod';

/** RFC 3339 with a `Z` or `±hh:mm` offset and optional fractional seconds. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
export const rfc3339 = z
  .string()
  .regex(RFC3339, 'not an RFC 3339 time with an offset')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a valid time');

/** Counts Unicode code points, which is what the contract means by "characters". */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
const chars = (min: number, max: number) =>
  z.string().refine((s) => {
    const n = codePointLength(s);
    return n >= min && n <= max;
  }, `must be ${min} to ${max} characters`);

export const SUBMISSION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const submissionId = z.string().regex(SUBMISSION_ID_PATTERN, 'id must be 1-64 of A-Z a-z 0-9 _ -');
export const seq = z.number().int().positive();
/** A code value (category, theme, age band, ministry): unknown ones are kept as they are. */
const code = z.string().min(1);
const nullableCode = code.nullable().optional().transform((v) => v ?? null);

export const wireSubmission = z.looseObject({
  id: submissionId,
  seq,
  received_at: rfc3339,
  channel: z.enum(['form', 'email']),
  category: code,
  theme: nullableCode,
  subject: z.string().nullable().optional().transform((v) => v ?? null),
  body: chars(1, 50_000),
  age_band: nullableCode,
  email: z.string().nullable().optional().transform((v) => v ?? null),
  language: z.string().nullable().optional().transform((v) => v ?? null),
  deleted: z.literal(false).optional(),
});
export type WireSubmission = z.output<typeof wireSubmission>;

const isNullableString = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const isNullableCode = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.length > 0);

/**
 * The everyday submission checked by hand, several times faster than the schema (the sync
 * validates every item of a million-row first sync). It accepts only what is plainly valid and
 * returns null for anything else, so that the schema decides and words the error; a test
 * checks that whatever it accepts, the schema accepts with the same result.
 */
export function fastWireSubmission(raw: unknown): WireSubmission | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const { id, seq, received_at: receivedAt, channel, category, theme, subject, body, age_band: ageBand, email, language, deleted } = r;
  if (typeof id !== 'string' || !SUBMISSION_ID_PATTERN.test(id)) return null;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq <= 0) return null;
  if (typeof receivedAt !== 'string' || !RFC3339.test(receivedAt) || Number.isNaN(Date.parse(receivedAt))) return null;
  if (channel !== 'form' && channel !== 'email') return null;
  if (typeof category !== 'string' || category.length === 0) return null;
  // 1 to 50,000 UTF-16 units is 1 to 50,000 code points; longer bodies are left to the schema.
  if (typeof body !== 'string' || body.length === 0 || body.length > 50_000) return null;
  if (!isNullableCode(theme) || !isNullableCode(ageBand)) return null;
  if (!isNullableString(subject) || !isNullableString(email) || !isNullableString(language)) return null;
  if (deleted !== undefined && deleted !== false) return null;
  const out: Record<string, unknown> = {
    id,
    seq,
    received_at: receivedAt,
    channel,
    category,
    theme: theme ?? null,
    subject: subject ?? null,
    body,
    age_band: ageBand ?? null,
    email: email ?? null,
    language: language ?? null,
  };
  if (deleted !== undefined) out.deleted = deleted;
  // Fields this version does not know are kept, as the schema (a loose object) keeps them.
  for (const key in r) {
    if (key === '__proto__') return null;
    if (!(key in out) && !SUBMISSION_FIELDS.has(key)) out[key] = r[key];
  }
  return out as WireSubmission;
}

export const wireTombstone = z.looseObject({
  id: submissionId,
  seq,
  deleted: z.literal(true),
  reason: z.string().nullable().optional().transform((v) => v ?? 'unknown'),
});
export type WireTombstone = z.output<typeof wireTombstone>;

export const SUBMISSION_FIELDS = new Set([
  'id', 'seq', 'received_at', 'channel', 'category', 'theme', 'subject', 'body', 'age_band', 'email', 'language', 'deleted',
]);

// ---- Events ----
export const STATUSES = ['new', 'in_progress', 'done', 'spam'] as const;
export const eventPayloads = {
  status_set: z.looseObject({ status: z.string().min(1) }),
  tag_added: z.looseObject({ tag: chars(1, 40) }),
  tag_removed: z.looseObject({ tag: chars(1, 40) }),
  assigned: z.looseObject({ staff_id: z.string().min(1).nullable() }),
  note_added: z.looseObject({ text: chars(1, 5_000) }),
  transfer_marked: z.looseObject({ ministry: code, note: z.string().nullable().optional() }),
  transfer_unmarked: z.looseObject({ ministry: code, note: z.string().nullable().optional() }),
  reply_claimed: z.looseObject({}),
  reply_released: z.looseObject({}),
  reply_proposed: z.looseObject({ draft_id: z.string().min(1), subject: z.string(), body: z.string() }),
  reply_approved: z.looseObject({ draft_id: z.string().min(1), comment: z.string().nullable().optional() }),
  reply_returned: z.looseObject({ draft_id: z.string().min(1), comment: z.string().nullable().optional() }),
  reply_sent: z.looseObject({
    message_id: z.string().min(1),
    subject: z.string(),
    body: z.string(),
    sent_at: rfc3339,
    draft_id: z.string().nullable().optional(),
  }),
} as const;
export type EventType = keyof typeof eventPayloads;
export const EVENT_TYPES = Object.keys(eventPayloads) as EventType[];
export function isKnownEventType(t: string): t is EventType {
  return Object.prototype.hasOwnProperty.call(eventPayloads, t);
}
export type EventPayload<T extends EventType> = z.output<(typeof eventPayloads)[T]>;

/** What a client posts. */
export const newEventBody = z.object({
  id: z.string().min(1),
  submission_id: submissionId,
  type: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  client_time: rfc3339,
});
export type NewEventBody = z.output<typeof newEventBody>;

/** A stored event as the server returns it; the payload is checked per type separately. */
export const wireEvent = z.looseObject({
  id: z.string().min(1),
  seq,
  submission_id: submissionId,
  type: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  staff_id: z.string().min(1).nullable(),
  created_at: rfc3339,
});
export type WireEvent = z.output<typeof wireEvent>;

// ---- Transfers ----
export const TRANSFER_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export const newTransferBody = z.object({
  id: z.string().min(1),
  ministry: code,
  submission_ids: z.array(submissionId).min(1).max(500),
  note: z.string(),
  include_contact: z.boolean(),
});
export type NewTransferBody = z.output<typeof newTransferBody>;
export const wireTransfer = z.looseObject({
  id: z.string().min(1),
  seq,
  ministry: code,
  submission_ids: z.array(submissionId),
  note: z.string().nullable().optional().transform((v) => v ?? ''),
  include_contact: z.boolean(),
  status: z.string().min(1),
  reason: z.string().nullable().optional().transform((v) => v ?? null),
  created_by: z.string().nullable().optional().transform((v) => v ?? null),
  created_at: rfc3339,
  updated_at: rfc3339,
});
export type WireTransfer = z.output<typeof wireTransfer>;

// ---- Pages ----
export const wirePage = z.looseObject({
  items: z.array(z.unknown()),
  next_cursor: z.string().min(1),
  has_more: z.boolean(),
});
export type WirePage = z.output<typeof wirePage>;
export const PAGE_LIMIT_MAX = 1000;
export const PAGE_LIMIT_DEFAULT = 200;

// ---- Sessions, reference, staff, templates ----
export const ROLES = ['staff', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const wireStaff = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  role: z.string(),
  active: z.boolean().optional().default(true),
});
export type WireStaff = z.output<typeof wireStaff>;
export const sessionRequest = z.object({ username: z.string(), password: z.string() });
export const wireSession = z.looseObject({
  token: z.string().min(1),
  expires_at: rfc3339,
  staff: z.looseObject({ id: z.string().min(1), name: z.string(), role: z.enum(ROLES) }),
});
export type WireSession = z.output<typeof wireSession>;

const labelled = z.looseObject({ code, label_ja: z.string(), label_en: z.string() });
export const wireReference = z.looseObject({
  version: z.string(),
  categories: z.array(labelled),
  themes: z.array(labelled),
  age_bands: z.array(labelled),
  ministries: z.array(z.looseObject({ code, name_ja: z.string(), name_en: z.string(), active: z.boolean() })),
});
export type WireReference = z.output<typeof wireReference>;
export const wireStaffList = z.looseObject({ items: z.array(wireStaff) });

export const wireTemplate = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  language: z.string(),
  subject: z.string(),
  body: z.string(),
  updated_at: rfc3339.optional(),
});
export type WireTemplate = z.output<typeof wireTemplate>;
export const wireTemplateList = z.looseObject({ items: z.array(wireTemplate) });

export const wireError = z.looseObject({
  error: z.looseObject({ code: z.string(), message: z.string().optional().default('') }),
});
export type WireError = z.output<typeof wireError>;
/** The 409 body for a reply claim held by someone else. */
export const wireConflict = z.looseObject({
  error: z.looseObject({ code: z.string(), message: z.string().optional() }).optional(),
  holder: z.string().optional(),
  until: z.string().optional(),
});
