// The reports calls of the IPC contract (spread into contract.ts). See contract-kit.ts for how a call is declared.
//
// Supervisors watch the backlog and report upward; some statistics are published. Every figure
// here is a count, a share or a duration over many opinions — never a body, an email address or
// one person's age — and every call is for supervisors and admins only (enforced in main).
// Dates are calendar days in Asia/Tokyo.
import { z } from 'zod';
import { call, none } from './contract-kit.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'not a calendar date');
/** A reference code; the empty string stands for "not given" (a citizen left the field out). */
const code = z.string().max(100);

/** The longest range a report covers (the store keeps about a year; the office reports by fiscal year). */
export const MAX_REPORT_DAYS = 3 * 366;

export const reportFilter = z
  .object({
    category: z.array(code).max(50).optional(),
    theme: z.array(code).max(50).optional(),
    ageBand: z.array(code).max(50).optional(),
    channel: z.array(z.enum(['form', 'email'])).max(2).optional(),
    status: z.array(z.string().min(1).max(40)).max(20).optional(),
  })
  .strict();
export type ReportFilter = z.infer<typeof reportFilter>;
export const REPORT_FILTER_FIELDS = ['category', 'theme', 'ageBand', 'channel', 'status'] as const;
export type ReportDimension = (typeof REPORT_FILTER_FIELDS)[number];

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const reportQuery = z
  .object({
    /** Inclusive, Asia/Tokyo: opinions received on these days. */
    from: isoDate,
    to: isoDate,
    granularity: z.enum(GRANULARITIES).default('day'),
    filter: reportFilter.default({}),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_REPORT_DAYS, {
    message: `a report covers at most ${MAX_REPORT_DAYS} days`,
    path: ['from'],
  });
export type ReportQuery = z.input<typeof reportQuery>;
export type ParsedReportQuery = z.output<typeof reportQuery>;

export interface CodeCount {
  /** A reference code, a status or a channel; '' = not given. */
  code: string;
  count: number;
}

export interface PeriodCount {
  /** The period's first day (YYYY-MM-DD); for weeks, the Monday (which may fall before `from`). */
  period: string;
  count: number;
}

/** How long open opinions have waited, in whole days since the day they were received. */
export const AGE_BUCKETS = [
  { id: 'd0', minDays: 0, maxDays: 0 },
  { id: 'd1_2', minDays: 1, maxDays: 2 },
  { id: 'd3_6', minDays: 3, maxDays: 6 },
  { id: 'd7_13', minDays: 7, maxDays: 13 },
  { id: 'd14_29', minDays: 14, maxDays: 29 },
  { id: 'd30_89', minDays: 30, maxDays: 89 },
  { id: 'd90_plus', minDays: 90, maxDays: Infinity },
] as const;
export type AgeBucketId = (typeof AGE_BUCKETS)[number]['id'];

/** Statuses that close an opinion; every other status (unknown ones included) is backlog. */
export const CLOSED_STATUSES = ['done', 'spam'] as const;

export interface BacklogRow {
  status: string;
  /** One count per AGE_BUCKETS entry. */
  counts: number[];
  total: number;
}

/** Time from an opinion's arrival to its first reply, in buckets for the chart. */
export const REPLY_BUCKETS = [
  { id: 'h0_1', maxMinutes: 60 },
  { id: 'h1_4', maxMinutes: 4 * 60 },
  { id: 'h4_24', maxMinutes: 24 * 60 },
  { id: 'd1_3', maxMinutes: 3 * 24 * 60 },
  { id: 'd3_7', maxMinutes: 7 * 24 * 60 },
  { id: 'd7_14', maxMinutes: 14 * 24 * 60 },
  { id: 'd14_30', maxMinutes: 30 * 24 * 60 },
  { id: 'd30_plus', maxMinutes: Infinity },
] as const;
export type ReplyBucketId = (typeof REPLY_BUCKETS)[number]['id'];

export interface RepliesSummary {
  /** Opinions received in the range that have at least one reply. */
  replied: number;
  /** Replies sent to those opinions (some get more than one). */
  repliesSent: number;
  /** Nearest-rank percentiles of the minutes from arrival to the first reply; null without replies. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** One count per REPLY_BUCKETS entry (a bucket holds times below its maxMinutes and at or above the previous one's). */
  buckets: number[];
}

/** Known transfer outcomes; anything else the office reports is counted as `other`. */
export const TRANSFER_OUTCOMES = ['submitted', 'accepted', 'returned', 'other'] as const;
export type TransferOutcome = (typeof TRANSFER_OUTCOMES)[number];

export interface TransferRow {
  ministry: string;
  /** Opinions transferred, by the transfer's outcome; one count per TRANSFER_OUTCOMES entry. */
  items: number[];
  /** Transfers made to this ministry. */
  transfers: number;
}

export interface TagCountRow {
  tag: string;
  count: number;
}

export interface GroupRow {
  groupId: string;
  /** Members received in the range (matching the filters). */
  count: number;
  /** The first and last day a member was received, within the range. */
  firstDay: string;
  lastDay: string;
  /** The category and theme most of its members carry. */
  category: string;
  theme: string;
}

export interface Report {
  query: ParsedReportQuery;
  generatedAt: string;
  /** "Today" in Asia/Tokyo when the report was made: the backlog's ages count up to it. */
  asOf: string;
  totals: { received: number; open: number; replied: number; repliesSent: number };
  volume: PeriodCount[];
  byCategory: CodeCount[];
  byTheme: CodeCount[];
  byAgeBand: CodeCount[];
  byChannel: CodeCount[];
  byStatus: CodeCount[];
  backlog: { rows: BacklogRow[]; totals: number[]; total: number };
  replies: RepliesSummary;
  /** Transfers made in the range (by the day they were made), items matching the filters. */
  transfers: { rows: TransferRow[]; totals: number[]; transfers: number };
  /** Staff tags on opinions received in the range: the most used first (at most TOP_N). */
  tags: TagCountRow[];
  /** Campaign (near-duplicate) groups with members in the range: the largest first (at most TOP_N). */
  groups: { rows: GroupRow[]; groupCount: number; memberCount: number };
}

export const TOP_N = 20;

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof EXPORT_FORMATS)[number];

const exportId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an export id of 8–64 letters, digits, - or _');

export const reportExportInput = z.object({
  query: reportQuery,
  format: z.enum(EXPORT_FORMATS),
  /** Aggregates only, small cells suppressed, no tags or group ids: for publication. */
  publication: z.boolean().default(false),
  /** Labels and headings in this language. */
  language: z.enum(['ja', 'en']).default('ja'),
  /** A stricter threshold for this export; the managed setting is the floor. */
  threshold: z.number().int().min(1).max(1000).optional(),
  /** Chosen by the screen, so it can follow progress and cancel before the answer arrives. */
  exportId,
});
export type ReportExportInput = z.input<typeof reportExportInput>;

export type ExportPhase = 'preparing' | 'aggregating' | 'rendering' | 'saving' | 'done' | 'cancelled' | 'failed';
export interface ExportProgress {
  exportId: string;
  phase: ExportPhase;
  /** 0..1 */
  fraction: number;
}

/**
 * In the app, main asks where to save with the system's dialog and writes the file itself: no
 * path ever comes from the renderer. In the browser harness the bytes come back (base64) for the
 * page to offer as a download.
 */
export type ReportExportResult =
  | { outcome: 'saved'; fileName: string }
  | { outcome: 'cancelled'; fileName: string }
  | { outcome: 'download'; fileName: string; mime: string; base64: string };

export const reportsCalls = {
  /** Every chart's figures for a range and filters (opinions received on those days). */
  'reports:get': call(reportQuery, { role: 'supervisor' }).returns<Report>(),
  /** The effective suppression threshold for publication exports (the managed setting or the default). */
  'reports:settings': call(none, { role: 'supervisor' }).returns<{ suppressionThreshold: number; thresholdLocked: boolean }>(),
  /** Builds an export; progress is announced on the `reports` change topic. Written to the audit log. */
  'reports:export': call(reportExportInput, { role: 'supervisor' }).returns<ReportExportResult>(),
  /** How far an export has got (null once it is long finished or was never started). */
  'reports:exportProgress': call(z.object({ exportId }), { role: 'supervisor' }).returns<ExportProgress | null>(),
  /** Stops an export in progress; nothing is saved and nothing leaves main. */
  'reports:cancelExport': call(z.object({ exportId }), { role: 'supervisor' }).returns<{ cancelled: boolean }>(),
};
