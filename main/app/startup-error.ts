// What the staff member (and the IT person they call) sees when Koe cannot start: a title, what
// happened and what to do, in their language (main/safety/startup-checks.ts describes each
// failure they can meet). Never a stack trace, never the paths of their data in a title.
import { describeStartupFailure } from '../safety/startup-checks.js';

/** A start-up problem whose message was written for the person who must fix it. */
export class StartupProblem extends Error {
  override readonly name = 'StartupProblem';
}

export function startupErrorMessage(
  error: unknown,
  o: { language?: 'ja' | 'en'; policyWarnings?: readonly string[] } = {},
): { title: string; message: string } {
  const info = describeStartupFailure(error, { policyWarnings: o.policyWarnings });
  const lang = o.language ?? 'en';
  return { title: info.title[lang], message: `${info.whatHappened[lang]}\n\n${info.whatToDo[lang]}` };
}

/** The system's locale → the language of the error box: Japanese on a Japanese system, else English. */
export function languageOf(locale: string | undefined): 'ja' | 'en' {
  return locale?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
