// One polite live region for the whole window: results of actions ("applied to 12 opinions")
// are read out by screen readers and shown briefly as a toast for everyone else.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

type Tone = 'info' | 'error';
interface Message {
  text: string;
  tone: Tone;
  n: number;
}
const AnnounceContext = createContext<(text: string, tone?: Tone) => void>(() => undefined);

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<Message | null>(null);
  const counter = useRef(0);
  const announce = useCallback((text: string, tone: Tone = 'info') => {
    counter.current += 1;
    setMessage({ text, tone, n: counter.current });
  }, []);
  useEffect(() => {
    if (!message) return;
    // Errors stay until the next message: they may need reading twice.
    if (message.tone === 'error') return;
    const timer = window.setTimeout(() => setMessage(null), 5000);
    return () => window.clearTimeout(timer);
  }, [message]);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnounceContext.Provider value={value}>
      {children}
      <div className={message ? `toast toast-${message.tone}` : 'toast toast-hidden'} role="status" aria-live="polite">
        {message?.text ?? ''}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce() {
  return useContext(AnnounceContext);
}
