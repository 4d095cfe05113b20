// Koe cannot open its data (key store, wrong key, newer database, network share…): what
// happened and what to do, in the window's language, never a stack trace. The code is for IT.
import type { StartupProblemInfo } from '../../../shared/contract-safety.js';
import { LanguageToggle } from '../app/LanguageToggle.js';
import { localized, useSafetyText } from './text.js';

export function StartupProblemScreen({ problem }: { problem: StartupProblemInfo }) {
  const { lang, s } = useSafetyText();
  return (
    <div className="app">
      <main className="safety-screen" aria-labelledby="safety-title">
        <div className="safety-panel">
          <div className="safety-head">
            <h1 id="safety-title">{localized(problem.title, lang)}</h1>
            <LanguageToggle />
          </div>
          <p role="alert">{localized(problem.whatHappened, lang)}</p>
          <h2>{s('startup.whatToDo')}</h2>
          <p>{localized(problem.whatToDo, lang)}</p>
          <p className="safety-muted">{s('startup.restart')}</p>
          <p className="safety-muted safety-code">{s('startup.code', { code: problem.code })}</p>
        </div>
      </main>
    </div>
  );
}
