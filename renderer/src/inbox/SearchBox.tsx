// Full-text search. Applied after a short pause or on Enter — never mid-composition, so
// Japanese typed through an input method searches for the converted text, not the kana.
import { useEffect, useRef, useState, type Ref } from 'react';
import { useI18n } from '../i18n/i18n-context.js';

const PAUSE_MS = 300;

export function SearchBox({ value, onCommit, inputRef }: { value: string; onCommit: (v: string) => void; inputRef: Ref<HTMLInputElement> }) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  const [shownFor, setShownFor] = useState(value);
  const composing = useRef(false);
  // A search set from outside (a view, Back) replaces what is in the box.
  if (shownFor !== value) {
    setShownFor(value);
    setText(value);
  }

  useEffect(() => {
    if (text === value || composing.current) return;
    const timer = window.setTimeout(() => onCommit(text.trim()), PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [text, value, onCommit]);

  return (
    <div className="search" role="search">
      <label className="visually-hidden" htmlFor="inbox-search">
        {t('search.label')}
      </label>
      <span className="search-icon" aria-hidden="true">
        ⌕
      </span>
      <input
        id="inbox-search"
        ref={inputRef}
        className="input search-input"
        type="search"
        placeholder={t('search.placeholder')}
        aria-keyshortcuts="/"
        autoComplete="off"
        maxLength={200}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={(e) => {
          composing.current = false;
          setText(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault();
            onCommit(text.trim());
          }
        }}
      />
    </div>
  );
}
