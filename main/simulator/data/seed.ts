// The seeded submissions. Submission i is a pure function of (seed, i) — plus `now` and
// `count` for its time — so any page of a million-item feed is generated on demand.
import { CAMPAIGNS, writeCampaignLetter, type Campaign } from './campaigns.js';
import { makeEmail } from './people.js';
import { rngFor, type Rng } from './random.js';
import { writeOpinion, writeSubject } from './opinion-text.js';
import { DAY_MS, formatJst, formatUtc, jstYear } from '../time.js';

export interface SeedParams {
  seed: number;
  count: number;
  nowMs: number;
}

/** A submission as it goes on the wire, without its seq (which is its place in the feed). */
export interface SubmissionFields {
  id: string;
  received_at: string;
  channel: 'form' | 'email';
  category: string;
  theme?: string | null;
  subject: string | null;
  body: string;
  age_band?: string | null;
  email?: string | null;
  language?: string | null;
}

export interface GeneratedSubmission {
  fields: SubmissionFields;
  campaign: string | null;
}

/** Tiny seeds (tests of other parts) get plain submissions only: no tombstones, corrections,
 * seeded triage history or security probes, so their counts are easy to reason about. */
export const RICH_SEED_MIN_COUNT = 20;

const STREAM_TIME = 1;
const STREAM_CONTENT = 2;
const SPAN_MS = 400 * DAY_MS;
/** >1 makes recent days busier than a year ago, so only a few items are older than 365 days. */
const RECENCY = 1.5;

/** When seeded submission `index` arrived: over the ~400 days before now, rising with index. */
export function seededReceivedAtMs(p: SeedParams, index: number): number {
  const f = (index + 0.5) / p.count;
  const age = SPAN_MS * Math.pow(1 - f, RECENCY);
  // Jitter under half the local gap keeps the order "roughly" increasing, as real arrivals are.
  const localGap = (SPAN_MS * RECENCY * Math.pow(1 - f, RECENCY - 1)) / p.count;
  const jitter = (rngFor(p.seed, STREAM_TIME, index).next() - 0.5) * Math.min(localGap, 3_600_000);
  return Math.min(Math.floor(p.nowMs - age + jitter), p.nowMs - 1000);
}

export function submissionIdFor(index: number, receivedAtMs: number): string {
  return `S-${jstYear(receivedAtMs)}-${String(index + 1).padStart(7, '0')}`;
}

const ID_PATTERN = /^S-(\d{4})-(\d{7,})$/;
/** The index an id names, if it is shaped like one of ours (the year is checked by the caller). */
export function parseSubmissionId(id: string): { year: number; index: number } | null {
  const m = ID_PATTERN.exec(id);
  if (!m) return null;
  const index = Number(m[2]) - 1;
  if (!Number.isSafeInteger(index) || index < 0 || String(index + 1).padStart(7, '0') !== m[2]) return null;
  return { year: Number(m[1]), index };
}

/** The three submissions whose bodies carry markup, for the app's security tests. */
export function securityProbeIndices(p: SeedParams): number[] {
  if (p.count < RICH_SEED_MIN_COUNT) return [];
  return [Math.floor(p.count * 0.05) + 1, Math.floor(p.count * 0.5) + 2, p.count - 4];
}

const CATEGORY_WEIGHTS = [
  ['opinion', 35],
  ['request', 22],
  ['question', 18],
  ['complaint', 12],
  ['praise', 5],
  ['other', 8],
] as const;
const THEME_WEIGHTS = [
  ['economy', 12],
  ['health', 10],
  ['pension', 9],
  ['childcare', 9],
  ['education', 7],
  ['environment', 6],
  ['disaster', 6],
  ['digital', 8],
  ['tax', 7],
  ['transport', 5],
  ['agriculture', 4],
  ['foreign', 3],
  ['defense', 3],
  ['labour', 6],
  ['other', 5],
] as const;
const AGE_WEIGHTS = [
  ['under_20', 3],
  ['20s', 11],
  ['30s', 16],
  ['40s', 19],
  ['50s', 18],
  ['60s', 15],
  ['70s', 12],
  ['80_plus', 4],
] as const;

function pickCampaign(rng: Rng): Campaign | null {
  if (!rng.chance(0.08)) return null;
  const key = rng.weighted(CAMPAIGNS.map((c) => [c.key, c.weight] as const));
  return CAMPAIGNS.find((c) => c.key === key)!;
}

function formatReceivedAt(ms: number, rng: Rng, channel: 'form' | 'email'): string {
  const fractional = channel === 'email' && rng.chance(0.2);
  return rng.chance(0.07) ? formatUtc(ms, fractional) : formatJst(ms, fractional);
}

export function generateSubmission(p: SeedParams, index: number, receivedAtMs: number): GeneratedSubmission {
  const rng = rngFor(p.seed, STREAM_CONTENT, index);
  const id = submissionIdFor(index, receivedAtMs);
  const probe = securityProbeIndices(p).indexOf(index);
  if (probe >= 0) return { fields: securityProbe(id, probe, receivedAtMs), campaign: null };

  const campaign = pickCampaign(rng);
  const language: 'ja' | 'en' = campaign || !rng.chance(0.1) ? 'ja' : 'en';
  const channel: 'form' | 'email' = rng.chance(campaign ? 0.1 : 0.27) ? 'email' : 'form';
  const category = campaign?.category ?? rng.weighted(CATEGORY_WEIGHTS);
  // A few themes are null, and a very few carry a code the reference list does not have yet
  // (the contract says clients keep and show unknown codes raw).
  const themeRoll = rng.next();
  const theme = campaign?.theme ?? (themeRoll < 0.05 ? null : themeRoll < 0.053 ? 'housing' : rng.weighted(THEME_WEIGHTS));
  const ageBand = rng.chance(0.08) ? null : rng.weighted(AGE_WEIGHTS);

  let body: string;
  let subject: string | null = null;
  if (campaign) {
    body = writeCampaignLetter(campaign, rng);
    if (channel === 'email') subject = campaign.subject;
  } else {
    const written = writeOpinion({ language, theme, category, ageBand }, rng);
    body = written.body;
    if (channel === 'email') subject = writeSubject(language, category, written.topic, rng);
  }
  if (channel === 'email' && rng.chance(0.02)) subject = null;

  // People writing by email always have an address; a third of form users leave it out.
  const hasEmail = channel === 'email' || !rng.chance(1 / 3);
  const email = hasEmail ? makeEmail(rng, language, rng.chance(0.04)) : null;

  const fields: SubmissionFields = {
    id,
    received_at: formatReceivedAt(receivedAtMs, rng, channel),
    channel,
    category,
    theme,
    subject,
    body,
    age_band: ageBand,
    email,
    language: rng.chance(0.01) ? null : language,
  };
  // Optional fields are sometimes absent rather than null: both are allowed.
  if (fields.theme === null && rng.chance(0.3)) delete fields.theme;
  if (fields.age_band === null && rng.chance(0.3)) delete fields.age_band;
  if (fields.email === null && rng.chance(0.1)) delete fields.email;
  return { fields, campaign: campaign?.key ?? null };
}

/** Citizens sometimes paste markup into the form; Koe must show it as text, never run it. */
function securityProbe(id: string, which: number, receivedAtMs: number): SubmissionFields {
  const received_at = formatJst(receivedAtMs);
  const common = { id, received_at, category: 'other', theme: 'digital', age_band: '30s' } as const;
  switch (which) {
    case 0:
      return {
        ...common,
        channel: 'form',
        subject: null,
        body: 'ホームページの意見フォームに <script>alert(1)</script> と入力したらどうなるか試しました。表示がおかしくなるようなら修正してください。',
        email: 'k.tanaka@example.jp',
        language: 'ja',
      };
    case 1:
      return {
        ...common,
        channel: 'form',
        subject: null,
        body: 'Testing your contact form: <img src=x onerror=alert(1)> — please make sure this is shown as plain text.',
        email: 'john.smith@example.com',
        language: 'en',
      };
    default:
      return {
        ...common,
        channel: 'email',
        subject: '表示の不具合について <script>alert(1)</script>',
        body: '添付した画像が表示されません。<img src=x onerror=alert(1)> <script>alert(1)</script>\nお手数ですが確認をお願いいたします。',
        email: 'yamada-taro@example.ne.jp',
        language: 'ja',
      };
  }
}
