// A report as the tables an export writes, in Japanese or English: the same tables for CSV,
// XLSX and PDF, so the three formats never disagree. In publication mode only aggregates that
// may be published go in — no staff tags, no group ids, no transfer counts per staff action —
// and every table is suppressed (suppression.ts) with the threshold in force.
import {
  AGE_BUCKETS,
  CLOSED_STATUSES,
  TRANSFER_OUTCOMES,
  type CodeCount,
  type Report,
} from '../../shared/contract-reports.js';
import type { Language } from '../../shared/domain.js';
import { CHANNEL_LABELS, STATUS_LABELS, labelOf, type Labelled, type ReportReference } from './reference.js';
import { suppressGrid, suppressList } from './suppression.js';

/** What a cell holds: a number, a text, or null for a count hidden by suppression. */
export type CellValue = number | string | null;
export type ColumnKind = 'text' | 'count' | 'date' | 'minutes' | 'hours';

export interface ReportColumn {
  label: string;
  kind: ColumnKind;
}

export interface ReportTable {
  /** Stable, ASCII. */
  id: string;
  title: string;
  /** A short name (the XLSX sheet's); set from SHEETS. */
  sheet?: string;
  columns: ReportColumn[];
  rows: CellValue[][];
  /** A last row of totals, shown apart. */
  totalRow?: CellValue[];
  note?: string;
  /** Which chart the PDF draws for it, and from which columns (stacked when several). */
  chart?: 'bars' | 'hbars' | 'stacked' | 'none';
  series?: number[];
}

export interface TableSet {
  language: Language;
  publication: boolean;
  threshold: number | null;
  title: string;
  /** Lines describing what the report covers (range, filters, when made, suppression). */
  meta: [string, string][];
  tables: ReportTable[];
}

export const SUPPRESSED_MARK = 'X';

const T = {
  ja: {
    title: '意見の集計',
    titlePublication: '意見の集計（公表用）',
    range: '対象期間（受付日）',
    filters: '絞り込み',
    none: 'なし',
    generated: '作成日時',
    asOf: '基準日',
    mode: '区分',
    internal: '内部用',
    publication: '公表用',
    threshold: '秘匿の閾値',
    suppressedNote: (n: number) => `「${SUPPRESSED_MARK}」は秘匿（${n}件未満のため、または合計から逆算できないようにするため非表示）。`,
    count: '件数',
    total: '合計',
    summary: '概要',
    measure: '項目',
    value: '値',
    received: '受付件数',
    open: '未処理（現在）',
    replied: '返信済みの意見',
    repliesSent: '送信した返信',
    median: '初回返信までの時間（中央値・時間）',
    p90: '初回返信までの時間（90パーセンタイル・時間）',
    volume: { day: '日別の受付件数', week: '週別の受付件数（月曜始まり）', month: '月別の受付件数' },
    period: '期間',
    byCategory: '種別',
    byTheme: 'テーマ',
    byAgeBand: '年代',
    byChannel: '受付経路',
    byStatus: '状態',
    code: 'コード',
    backlog: '未処理の意見（状態・経過日数別）',
    backlogPublication: '状態・経過日数別の件数',
    closed: '処理済み',
    status: '状態',
    ages: ['当日', '1〜2日', '3〜6日', '1〜2週', '2〜4週', '1〜3か月', '3か月以上'],
    firstReply: '初回返信までの時間',
    bucket: '区分',
    replyBuckets: ['1時間未満', '1〜4時間', '4〜24時間', '1〜3日', '3〜7日', '7〜14日', '14〜30日', '30日以上'],
    transfers: '移送（移送日基準、府省・結果別の意見数）',
    ministry: '府省',
    outcomes: ['回答待ち', '受理', '差し戻し', 'その他'],
    transferCount: '移送の件数',
    tags: 'よく使われたタグ',
    tag: 'タグ',
    groups: '同一内容の意見（キャンペーン）',
    group: 'グループ',
    members: '件数',
    firstDay: '最初の受付日',
    lastDay: '最後の受付日',
    groupsNote: (g: number, m: number) => `期間内のグループ ${g} 件、意見 ${m} 件（上位のみ表示）。`,
  },
  en: {
    title: 'Opinions report',
    titlePublication: 'Opinions report (for publication)',
    range: 'Period (day received)',
    filters: 'Filters',
    none: 'none',
    generated: 'Generated',
    asOf: 'As of',
    mode: 'Edition',
    internal: 'internal',
    publication: 'for publication',
    threshold: 'Suppression threshold',
    suppressedNote: (n: number) => `"${SUPPRESSED_MARK}" = suppressed (fewer than ${n}, or hidden so that it cannot be worked out from the totals).`,
    count: 'Count',
    total: 'Total',
    summary: 'Summary',
    measure: 'Measure',
    value: 'Value',
    received: 'Opinions received',
    open: 'Open now',
    replied: 'Opinions replied to',
    repliesSent: 'Replies sent',
    median: 'Time to first reply, median (hours)',
    p90: 'Time to first reply, 90th percentile (hours)',
    volume: { day: 'Opinions received per day', week: 'Opinions received per week (from Monday)', month: 'Opinions received per month' },
    period: 'Period',
    byCategory: 'Category',
    byTheme: 'Theme',
    byAgeBand: 'Age band',
    byChannel: 'Channel',
    byStatus: 'Status',
    code: 'Code',
    backlog: 'Open opinions by status and days waiting',
    backlogPublication: 'Opinions by status and days waiting',
    closed: 'Closed',
    status: 'Status',
    ages: ['Same day', '1–2 days', '3–6 days', '1–2 weeks', '2–4 weeks', '1–3 months', '3 months +'],
    firstReply: 'Time to first reply',
    bucket: 'Bucket',
    replyBuckets: ['< 1 hour', '1–4 hours', '4–24 hours', '1–3 days', '3–7 days', '7–14 days', '14–30 days', '30 days +'],
    transfers: 'Transfers (by day made; opinions by ministry and outcome)',
    ministry: 'Ministry',
    outcomes: ['Submitted', 'Accepted', 'Returned', 'Other'],
    transferCount: 'Transfers',
    tags: 'Most used tags',
    tag: 'Tag',
    groups: 'Campaigns (near-identical opinions)',
    group: 'Group',
    members: 'Opinions',
    firstDay: 'First received',
    lastDay: 'Last received',
    groupsNote: (g: number, m: number) => `${g} groups with ${m} opinions in the period (largest shown).`,
  },
} as const;

const SHEETS: Record<Language, Record<string, string>> = {
  ja: {
    summary: '概要（数値）', volume: '受付件数', category: '種別', theme: 'テーマ', age_band: '年代', channel: '受付経路',
    status: '状態', backlog: '未処理', first_reply: '初回返信', transfers: '移送', tags: 'タグ', groups: 'キャンペーン',
  },
  en: {
    summary: 'Summary', volume: 'Volume', category: 'Category', theme: 'Theme', age_band: 'Age band', channel: 'Channel',
    status: 'Status', backlog: 'Backlog', first_reply: 'First reply', transfers: 'Transfers', tags: 'Tags', groups: 'Campaigns',
  },
};

export function headings(lang: Language) {
  return T[lang];
}

export interface TableOptions {
  language: Language;
  publication: boolean;
  threshold: number;
  reference: ReportReference;
}

/** 2026-11-28 12:00 (JST): the office reads Tokyo time. */
export function tokyoDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 9 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)} (JST)`;
}

const hours = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 60) * 10) / 10);

export function reportTables(report: Report, opts: TableOptions): TableSet {
  const t = T[opts.language];
  const lang = opts.language;
  const ref = opts.reference;
  const pub = opts.publication;
  const q = report.query;

  const filterText = (Object.entries(q.filter) as [string, string[] | undefined][])
    .filter(([, v]) => v && v.length)
    .map(([k, v]) => {
      const list = k === 'category' ? ref.categories : k === 'theme' ? ref.themes : k === 'ageBand' ? ref.ageBands : k === 'channel' ? CHANNEL_LABELS : STATUS_LABELS;
      const name = { category: t.byCategory, theme: t.byTheme, ageBand: t.byAgeBand, channel: t.byChannel, status: t.byStatus }[k as 'category'];
      return `${name}: ${v!.map((c) => labelOf(list, c, lang)).join(', ')}`;
    })
    .join(' / ');
  const meta: [string, string][] = [
    [t.range, `${q.from} – ${q.to}`],
    [t.filters, filterText || t.none],
    [t.asOf, report.asOf],
    [t.generated, tokyoDateTime(report.generatedAt)],
    [t.mode, pub ? t.publication : t.internal],
  ];
  if (pub) meta.push([t.threshold, String(opts.threshold)]);

  const tables: ReportTable[] = [];
  const note = pub ? t.suppressedNote(opts.threshold) : undefined;

  // A list of codes with their counts and a total, suppressed in publication mode.
  const listTable = (id: string, title: string, items: CodeCount[], list: readonly Labelled[], chart: ReportTable['chart']): ReportTable => {
    const s = pub ? suppressList(items.map((x) => x.count), opts.threshold) : null;
    return {
      id,
      title,
      columns: [
        { label: title, kind: 'text' },
        { label: t.code, kind: 'text' },
        { label: t.count, kind: 'count' },
      ],
      rows: items.map((x, i) => [labelOf(list, x.code, lang), x.code, s ? s.values[i] : x.count]),
      totalRow: [t.total, '', s ? s.total : items.reduce((a, x) => a + x.count, 0)],
      note,
      chart,
      series: [2],
    };
  };

  // The volume series: the periods and their counts.
  const volume = pub ? suppressList(report.volume.map((p) => p.count), opts.threshold) : null;
  const volumeTotal = report.volume.reduce((a, p) => a + p.count, 0);
  const volumeTable: ReportTable = {
    id: 'volume',
    title: t.volume[q.granularity],
    columns: [
      { label: t.period, kind: 'date' },
      { label: t.count, kind: 'count' },
    ],
    rows: report.volume.map((p, i) => [p.period, volume ? volume.values[i] : p.count]),
    totalRow: [t.total, volume ? volume.total : volumeTotal],
    note,
    chart: 'bars',
    series: [1],
  };

  // Replies: the distribution of first-reply times; its total is the number replied to.
  const replyDist = pub ? suppressList(report.replies.buckets, opts.threshold) : null;
  const replied = replyDist ? replyDist.total : report.replies.replied;
  const timesShown = replied !== null && (!pub || replied >= opts.threshold);
  const repliesSent = pub && report.replies.repliesSent > 0 && report.replies.repliesSent < opts.threshold ? null : report.replies.repliesSent;
  const receivedShown = pub && report.totals.received > 0 && report.totals.received < opts.threshold ? null : report.totals.received;

  const summaryRows: CellValue[][] = [
    [t.received, receivedShown],
    ...(pub ? [] : [[t.open, report.totals.open] as CellValue[]]),
    [t.replied, replied],
    [t.repliesSent, repliesSent],
    [t.median, timesShown ? hours(report.replies.medianMinutes) : null],
    [t.p90, timesShown ? hours(report.replies.p90Minutes) : null],
  ];
  tables.push({
    id: 'summary',
    title: t.summary,
    columns: [
      { label: t.measure, kind: 'text' },
      { label: t.value, kind: 'count' },
    ],
    rows: summaryRows,
    note,
    chart: 'none',
  });
  tables.push(volumeTable);
  tables.push(listTable('category', t.byCategory, report.byCategory, ref.categories, 'hbars'));
  tables.push(listTable('theme', t.byTheme, report.byTheme, ref.themes, 'hbars'));
  tables.push(listTable('age_band', t.byAgeBand, report.byAgeBand, ref.ageBands, 'bars'));
  tables.push(listTable('channel', t.byChannel, report.byChannel, CHANNEL_LABELS, 'hbars'));
  tables.push(pub ? statusAgeTable(report, opts, note) : listTable('status', t.byStatus, report.byStatus, STATUS_LABELS, 'hbars'));
  if (!pub) tables.push(backlogTable(report, opts));
  tables.push({
    id: 'first_reply',
    title: t.firstReply,
    columns: [
      { label: t.bucket, kind: 'text' },
      { label: t.count, kind: 'count' },
    ],
    rows: report.replies.buckets.map((n, i) => [t.replyBuckets[i], replyDist ? replyDist.values[i] : n]),
    totalRow: [t.total, replied],
    note,
    chart: 'bars',
    series: [1],
  });
  tables.push(transfersTable(report, opts, note));
  if (!pub) {
    tables.push({
      id: 'tags',
      title: t.tags,
      columns: [
        { label: t.tag, kind: 'text' },
        { label: t.count, kind: 'count' },
      ],
      rows: report.tags.map((x) => [x.tag, x.count]),
      chart: 'hbars',
      series: [1],
    });
    tables.push({
      id: 'groups',
      title: t.groups,
      columns: [
        { label: t.group, kind: 'text' },
        { label: t.members, kind: 'count' },
        { label: t.firstDay, kind: 'date' },
        { label: t.lastDay, kind: 'date' },
        { label: t.byCategory, kind: 'text' },
        { label: t.byTheme, kind: 'text' },
      ],
      rows: report.groups.rows.map((g) => [g.groupId, g.count, g.firstDay, g.lastDay, labelOf(ref.categories, g.category, lang), labelOf(ref.themes, g.theme, lang)]),
      note: t.groupsNote(report.groups.groupCount, report.groups.memberCount),
      chart: 'hbars',
      series: [1],
    });
  }

  for (const table of tables) table.sheet = SHEETS[lang][table.id] ?? table.title;
  return { language: lang, publication: pub, threshold: pub ? opts.threshold : null, title: pub ? t.titlePublication : t.title, meta, tables };
}

/** Internal: the open opinions by status and days waiting, with totals. */
function backlogTable(report: Report, opts: TableOptions): ReportTable {
  const t = T[opts.language];
  return {
    id: 'backlog',
    title: t.backlog,
    columns: [{ label: t.status, kind: 'text' }, ...t.ages.map((a) => ({ label: a, kind: 'count' as const })), { label: t.total, kind: 'count' }],
    rows: report.backlog.rows.map((r) => [labelOf(STATUS_LABELS, r.status, opts.language), ...r.counts, r.total]),
    totalRow: [t.total, ...report.backlog.totals, report.backlog.total],
    chart: 'stacked',
    series: AGE_BUCKETS.map((_, i) => i + 1),
  };
}

/**
 * Publication: every status with its days waiting (open ones) or "closed", in one table. The
 * row totals are the counts by status, so publishing the status list separately would let the
 * two tables be played against each other; here they are suppressed together. A closed
 * opinion has no waiting time and an open one is not closed: those cells are zeros everyone
 * knows, which give no cover.
 */
function statusAgeTable(report: Report, opts: TableOptions, note: string | undefined): ReportTable {
  const t = T[opts.language];
  const closed = new Set<string>(CLOSED_STATUSES);
  const statuses = report.byStatus.map((s) => s.code);
  const open = new Map(report.backlog.rows.map((r) => [r.status, r.counts]));
  const cells = statuses.map((s) => {
    const n = report.byStatus.find((x) => x.code === s)!.count;
    return closed.has(s) ? [...AGE_BUCKETS.map(() => 0), n] : [...(open.get(s) ?? AGE_BUCKETS.map(() => 0)), 0];
  });
  const fixed = statuses.map((s) => (closed.has(s) ? [...AGE_BUCKETS.map(() => true), false] : [...AGE_BUCKETS.map(() => false), true]));
  const g = suppressGrid({ cells, rowTotals: true, colTotals: true, threshold: opts.threshold, fixed, grandTotalKnown: true });
  return {
    id: 'status',
    title: t.backlogPublication,
    columns: [
      { label: t.status, kind: 'text' },
      ...t.ages.map((a) => ({ label: a, kind: 'count' as const })),
      { label: t.closed, kind: 'count' },
      { label: t.total, kind: 'count' },
    ],
    rows: statuses.map((s, i) => [labelOf(STATUS_LABELS, s, opts.language), ...g.cells[i], g.rowTotals![i]]),
    totalRow: [t.total, ...g.colTotals!, g.grandTotal ?? null],
    note,
    chart: 'stacked',
    series: [...AGE_BUCKETS.map((_, i) => i + 1), AGE_BUCKETS.length + 1],
  };
}

function transfersTable(report: Report, opts: TableOptions, note: string | undefined): ReportTable {
  const t = T[opts.language];
  const rows = report.transfers.rows;
  const label = (m: string) => labelOf(opts.reference.ministries, m, opts.language);
  const outcomeColumns = TRANSFER_OUTCOMES.map((_, i) => ({ label: t.outcomes[i], kind: 'count' as const }));
  if (opts.publication) {
    const g = suppressGrid({ cells: rows.map((r) => r.items), rowTotals: true, colTotals: true, threshold: opts.threshold });
    return {
      id: 'transfers',
      title: t.transfers,
      columns: [{ label: t.ministry, kind: 'text' }, ...outcomeColumns, { label: t.total, kind: 'count' }],
      rows: rows.map((r, i) => [label(r.ministry), ...g.cells[i], g.rowTotals![i]]),
      totalRow: rows.length ? [t.total, ...g.colTotals!, g.grandTotal ?? null] : [t.total, ...TRANSFER_OUTCOMES.map(() => 0), 0],
      note,
      chart: 'stacked',
      series: TRANSFER_OUTCOMES.map((_, i) => i + 1),
    };
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    id: 'transfers',
    title: t.transfers,
    columns: [{ label: t.ministry, kind: 'text' }, ...outcomeColumns, { label: t.total, kind: 'count' }, { label: t.transferCount, kind: 'count' }],
    rows: rows.map((r) => [label(r.ministry), ...r.items, sum(r.items), r.transfers]),
    totalRow: [t.total, ...report.transfers.totals, sum(report.transfers.totals), report.transfers.transfers],
    chart: 'stacked',
    series: TRANSFER_OUTCOMES.map((_, i) => i + 1),
  };
}
