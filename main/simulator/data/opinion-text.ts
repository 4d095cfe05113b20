// Assembles an opinion's body (and an email's subject) from the phrasebooks: an optional
// greeting and self-introduction, sentences about the theme, the category and life in
// general, and a closing, to a length drawn per opinion (30 to 1,500 characters).
import type { Phrasebook, ThemePhrases } from './phrasebook.js';
import { EN } from './phrases-en.js';
import { JA } from './phrases-ja.js';
import { pickFamily, pickJob, PLACES } from './people.js';
import type { Rng } from './random.js';

export const MAX_BODY = 1500;
const MIN_BODY = 30;

const AGE_WORDS_JA: Record<string, string> = {
  under_20: '10代', '20s': '20代', '30s': '30代', '40s': '40代', '50s': '50代', '60s': '60代', '70s': '70代', '80_plus': '80代',
};
const AGE_WORDS_EN: Record<string, string> = {
  under_20: 'teens', '20s': 'twenties', '30s': 'thirties', '40s': 'forties', '50s': 'fifties', '60s': 'sixties', '70s': 'seventies', '80_plus': 'eighties',
};

export interface Writer {
  language: 'ja' | 'en';
  theme: string | null;
  category: string;
  ageBand: string | null;
}

function bookFor(language: 'ja' | 'en'): Phrasebook {
  return language === 'en' ? EN : JA;
}
function themePhrases(book: Phrasebook, theme: string | null, rng: Rng): ThemePhrases {
  if (theme && book.themes[theme]) return book.themes[theme];
  // No theme, or a code this phrasebook does not know: people still write about something.
  const keys = Object.keys(book.themes);
  return book.themes[rng.pick(keys)]!;
}

/** Draws the target length: most opinions are short, a few are long letters. */
function targetLength(rng: Rng): number {
  const r = rng.next();
  if (r < 0.62) return rng.between(MIN_BODY, 160);
  if (r < 0.92) return rng.between(160, 550);
  return rng.between(600, MAX_BODY);
}

/** Per-opinion slot values; filled lazily because most sentences have no slots. */
interface SlotContext {
  writer: Writer;
  rng: Rng;
  topic: string;
  pref: string;
  city: string;
  prefEn: string;
}

// Module-level functions rather than per-call closures: this runs a million times in the
// benchmarks, and closures per call showed up in the profile.
function slotValue(ctx: SlotContext, key: string): string {
  const { writer, rng } = ctx;
  const en = writer.language === 'en';
  switch (key) {
    case 'pref':
      return en ? ctx.prefEn : ctx.pref;
    case 'city':
      return en ? ctx.prefEn : ctx.city;
    case 'age':
      return (writer.ageBand && (en ? AGE_WORDS_EN : AGE_WORDS_JA)[writer.ageBand]) || (en ? 'forties' : '40代');
    case 'job':
      return pickJob(rng, writer.ageBand, writer.language);
    case 'family':
      return pickFamily(rng);
    case 'amount':
      return rng.pick(AMOUNTS);
    case 'minutes':
      return String(rng.pick(MINUTES));
    case 'weeks':
      return String(rng.pick(WEEKS));
    case 'topic':
      return ctx.topic;
    default:
      return '';
  }
}
const AMOUNTS = ['3,000', '5,000', '1万', '2万', '3万', '12万', '15万', '18万'];
const MINUTES = [30, 40, 50, 60, 90];
const WEEKS = [3, 4, 6, 8];
const SLOT = /\{(\w+)\}/g;

function fill(ctx: SlotContext, sentence: string): string {
  if (!sentence.includes('{')) return sentence;
  let out = '';
  let last = 0;
  SLOT.lastIndex = 0;
  for (let m = SLOT.exec(sentence); m; m = SLOT.exec(sentence)) {
    out += sentence.slice(last, m.index) + slotValue(ctx, m[1]!);
    last = m.index + m[0].length;
  }
  return out + sentence.slice(last);
}

export function writeOpinion(writer: Writer, rng: Rng): { body: string; topic: string } {
  const book = bookFor(writer.language);
  const phrases = themePhrases(book, writer.theme, rng);
  const topic = rng.pick(phrases.topics);
  const [pref, cities, prefEn] = rng.pick(PLACES);
  const ctx: SlotContext = { writer, rng, topic, pref, city: rng.pick(cities), prefEn };

  const target = Math.max(targetLength(rng), MIN_BODY);
  const separatorCost = 2; // a paragraph break may be a blank line
  const gap = book.sentenceGap;
  let body = '';
  let paragraph = '';
  let length = 0;

  if (rng.chance(0.55)) {
    paragraph = fill(ctx, rng.pick(book.openers));
    length += paragraph.length;
    if (rng.chance(0.5)) {
      body = paragraph;
      paragraph = '';
      length += separatorCost;
    }
  }
  if (rng.chance(0.5)) {
    const intro = fill(ctx, rng.pick(book.intros));
    paragraph = paragraph ? paragraph + gap + intro : intro;
    length += intro.length + gap.length;
  }

  const separator = rng.chance(0.6) ? '\n' : '\n\n';
  const categorySentences = book.byCategory[writer.category] ?? book.byCategory.other ?? [];
  const closer = rng.chance(0.7) ? fill(ctx, rng.pick(book.closers)) : '';
  const used = new Set<string>();
  let previous = '';
  let inParagraph = 0;
  let paragraphSize = rng.between(2, 4);
  // At least one sentence on the theme, then keep going to the drawn length.
  do {
    const r = rng.next();
    const pool =
      r < 0.6 ? phrases.sentences : r < 0.75 ? categorySentences : r < 0.95 ? book.general : themePhrases(book, null, rng).sentences;
    let sentence = rng.pick(pool.length ? pool : phrases.sentences);
    // Long letters run out of fresh material and repeat themselves, as people do, but never
    // the same sentence twice in a row.
    for (let tries = 0; (used.has(sentence) || sentence === previous) && tries < 8; tries++) {
      sentence = rng.pick(tries % 2 ? book.general : phrases.sentences);
    }
    if (sentence === previous) continue;
    previous = sentence;
    used.add(sentence);
    const filled = fill(ctx, sentence);
    if (length + filled.length + closer.length > MAX_BODY - separatorCost && length >= MIN_BODY) break;
    paragraph = paragraph ? paragraph + gap + filled : filled;
    length += filled.length + gap.length;
    if (++inParagraph >= paragraphSize) {
      body = body ? body + separator + paragraph : paragraph;
      paragraph = '';
      length += separatorCost;
      inParagraph = 0;
      paragraphSize = rng.between(2, 4);
    }
  } while (length + closer.length < target);
  if (closer) {
    paragraph = paragraph ? paragraph + gap + closer : closer;
  }
  if (paragraph) body = body ? body + separator + paragraph : paragraph;
  return { body, topic };
}

export function writeSubject(language: 'ja' | 'en', category: string, topic: string, rng: Rng): string {
  const book = bookFor(language);
  const options = book.subjects[category] ?? book.subjects.other ?? ['{topic}'];
  return rng.pick(options).replace('{topic}', topic);
}
