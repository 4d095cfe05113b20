// The current language for the whole window, and `t` bound to it. The language starts from
// what main remembers (app:info) and is saved back through settings:setLanguage.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Language } from '../../../shared/domain.js';
import type { MessageKey } from './ja.js';
import { translate, type Vars } from './translate.js';

export interface I18n {
  lang: Language;
  t: (key: MessageKey, vars?: Vars) => string;
  setLang: (lang: Language) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ lang, setLang, children }: { lang: Language; setLang: (l: Language) => void; children: ReactNode }) {
  useEffect(() => {
    // Screen readers and font selection (Japanese glyph forms) follow the document language.
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
