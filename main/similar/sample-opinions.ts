// Ordinary opinions, each written by one citizen: a greeting, who they are, a few sentences on
// a theme (stock claims and their own experience), a closing formula. Used to measure grouping
// on realistic material; nothing here is shown to Koe's users.
import type { SampleRng } from './rng.js';
import { AGES, CLOSERS, FAMILY_NAMES, FEELINGS, GENERAL, GIVEN_NAMES, INTROS, JOBS, LEADS, OPENERS, PREDICATES, PREFS, WHENS, type Theme } from './sample-phrases.js';

/** Fills the {slots} of a phrase with this writer's details. */
export function fill(rng: SampleRng, phrase: string, subject = ''): string {
  const [pref, cities] = rng.pick(PREFS);
  return phrase.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 's':
        return subject;
      case 'pref':
        return pref;
      case 'city':
        return rng.pick(cities);
      case 'age':
        return rng.pick(AGES);
      case 'job':
        return rng.pick(JOBS);
      case 'n':
        return String(rng.between(2, 9));
      case 'amount':
        return (rng.between(3, 60) * 1000).toLocaleString('ja-JP');
      default:
        return slot;
    }
  });
}

/** One sentence on a theme: a stock claim about one of its subjects, or a lived fact. */
export function themeSentence(rng: SampleRng, theme: Theme): string {
  if (rng.chance(0.55)) return fill(rng, rng.pick(LEADS) + rng.pick(PREDICATES), rng.pick(theme.subjects));
  let fact = rng.chance(0.7) ? fill(rng, `${rng.pick(theme.causes)}、${rng.pick(theme.effects)}。`) : fill(rng, rng.pick(theme.facts));
  if (rng.chance(0.5)) fact = `${rng.pick(WHENS)}、${fact}`;
  if (rng.chance(0.5)) fact += rng.pick(FEELINGS);
  return fact;
}

export function opener(rng: SampleRng): string {
  return rng.pick(OPENERS);
}
export function intro(rng: SampleRng): string {
  return fill(rng, rng.pick(INTROS));
}
export function closer(rng: SampleRng): string {
  return rng.pick(CLOSERS);
}
export function generalSentence(rng: SampleRng): string {
  return fill(rng, rng.pick(GENERAL));
}

/** How a citizen signs: often not at all, sometimes a name, a place or an age. */
export function signOff(rng: SampleRng): string {
  const [pref, cities] = rng.pick(PREFS);
  switch (rng.int(4)) {
    case 0:
      return `${rng.pick(cities)} ${rng.pick(FAMILY_NAMES)}`;
    case 1:
      return `${rng.pick(FAMILY_NAMES)}${rng.pick(GIVEN_NAMES)}`;
    case 2:
      return `（${pref}・${rng.pick(AGES)}）`;
    default:
      return `${pref}在住 ${rng.pick(FAMILY_NAMES)}`;
  }
}

/** Sentences laid out as a citizen would: one paragraph, lines, or a space between. */
export function layOut(rng: SampleRng, sentences: readonly string[]): string {
  const gap = rng.pick(['', '', '\n', '\n\n', ' ', '　']);
  return sentences.join(gap);
}

/** A whole ordinary letter on one theme. */
export function ordinaryOpinion(rng: SampleRng, theme: Theme): string {
  const parts: string[] = [];
  if (rng.chance(0.6)) parts.push(opener(rng));
  if (rng.chance(0.5)) parts.push(intro(rng));
  const count = rng.between(2, 5);
  for (let i = 0; i < count; i++) parts.push(themeSentence(rng, theme));
  if (rng.chance(0.4)) parts.push(generalSentence(rng));
  if (rng.chance(0.7)) parts.push(closer(rng));
  if (rng.chance(0.2)) parts.push(signOff(rng));
  return layOut(rng, parts);
}

/** A short note: one request and a formula. Short notes share most of their characters with
 * each other, which is why very short bodies need care. */
export function shortNote(rng: SampleRng, theme: Theme): string {
  const s = rng.pick(theme.subjects);
  const ask = rng.pick([`${s}をお願いします。`, `${s}の見直しを求めます。`, `${s}について対策をお願いします。`, `${s}に反対です。`, `${s}を何とかしてください。`]);
  return rng.chance(0.7) ? ask + rng.pick(CLOSERS) : ask;
}
