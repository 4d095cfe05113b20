// Reply templates: `{{variable}}` placeholders filled from the submission, the sender and the
// office's settings. Pure: no database, no network. A placeholder that cannot be filled — an
// unknown name, or a known one this submission has no value for — is reported, never sent: the
// caller blocks sending until the text no longer has it.
import { TEMPLATE_VARIABLES, type ReplyLanguage, type TemplateProblem, type TemplateVariable } from '../../shared/contract-mail.js';

export type TemplateValues = Record<TemplateVariable, string | null>;

/** `{{ name }}`: letters, digits, `_`, `-` and `.` inside, spaces around allowed. */
const PLACEHOLDER = /\{\{\s*([^{}\s]{1,64})\s*\}\}/g;

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

/** Every placeholder name in a text, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

/** Names a template uses that Koe does not know (checked before a template is saved). */
export function unknownVariables(...texts: string[]): string[] {
  const unknown: string[] = [];
  for (const t of texts) for (const n of placeholdersIn(t)) if (!isTemplateVariable(n) && !unknown.includes(n)) unknown.push(n);
  return unknown;
}

/**
 * Fills every placeholder it can, in one pass (a value is never read as a template itself), and
 * leaves the ones it cannot as they were, so the preview shows what still needs the user.
 */
export function fillText(text: string, values: TemplateValues, where: TemplateProblem['where']): { text: string; problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  const note = (p: TemplateProblem) => {
    if (!problems.some((q) => q.variable === p.variable && q.where === p.where)) problems.push(p);
  };
  const out = text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!isTemplateVariable(name)) {
      note({ variable: name, kind: 'unknown', where });
      return whole;
    }
    const value = values[name];
    if (value === null || value === '') {
      note({ variable: name, kind: 'unfilled', where });
      return whole;
    }
    return value;
  });
  return { text: out, problems };
}

export interface RenderedReply {
  subject: string;
  body: string;
  problems: TemplateProblem[];
}

export function renderReply(subject: string, body: string, values: TemplateValues): RenderedReply {
  const s = fillText(subject, values, 'subject');
  const b = fillText(body, values, 'body');
  return { subject: s.text, body: b.text, problems: [...s.problems, ...b.problems] };
}

/** One line a person can act on: "{{foo}} is not a variable Koe knows; {{theme}} has no value for this opinion". */
export function describeProblems(problems: readonly TemplateProblem[], language: ReplyLanguage = 'en'): string {
  const unique = new Map<string, TemplateProblem>();
  for (const p of problems) if (!unique.has(p.variable)) unique.set(p.variable, p);
  return [...unique.values()]
    .map((p) =>
      language === 'ja'
        ? p.kind === 'unknown'
          ? `{{${p.variable}}} は使えない変数です`
          : `{{${p.variable}}} に入る値がこの意見にはありません`
        : p.kind === 'unknown'
          ? `{{${p.variable}}} is not a variable Koe knows`
          : `{{${p.variable}}} has no value for this opinion`,
    )
    .join(language === 'ja' ? '。' : '; ');
}

export interface ValueSources {
  submissionId: string;
  receivedAt: string;
  category: string;
  theme: string | null;
  /** Labels by code from the office's reference data; an unknown code is used as it is. */
  categoryLabel: (code: string, language: ReplyLanguage) => string | null;
  themeLabel: (code: string, language: ReplyLanguage) => string | null;
  staffName: string | null;
  officeName: string | null;
}

/** The received date as a citizen reads it, in Japan's time zone: 2026年11月28日 / 28 November 2026. */
export function formatReceivedDate(iso: string, language: ReplyLanguage): string | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long', day: 'numeric' }).format(t);
}

export function templateValues(src: ValueSources, language: ReplyLanguage): TemplateValues {
  return {
    received_date: formatReceivedDate(src.receivedAt, language),
    theme: src.theme === null ? null : (src.themeLabel(src.theme, language) ?? src.theme),
    category: src.categoryLabel(src.category, language) ?? src.category,
    staff_name: src.staffName,
    office_name: src.officeName,
    submission_id: src.submissionId,
  };
}
