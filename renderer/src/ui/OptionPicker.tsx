// A filterable list to pick one value from, all by keyboard: type to narrow, ↑/↓ to move,
// Enter to choose. The input is a combobox whose listbox is always shown (WAI-ARIA pattern),
// so a screen reader hears the highlighted option as it changes.
import { useId, useState } from 'react';

export interface PickOption {
  value: string;
  label: string;
  hint?: string;
  className?: string;
}

interface Props {
  label: string;
  placeholder: string;
  options: PickOption[];
  empty: string;
  /** An extra first option built from the typed text (a new tag), or null. */
  createFrom?: (query: string) => PickOption | null;
  onPick: (value: string) => void;
}

export function OptionPicker({ label, placeholder, options, empty, createFrom, onPick }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const q = query.trim().toLowerCase();
  const matching = q ? options.filter((o) => o.label.toLowerCase().includes(q) || o.value.toLowerCase().includes(q)) : options;
  const created = createFrom?.(query.trim()) ?? null;
  const shown = created && !matching.some((o) => o.value === created.value) ? [created, ...matching] : matching;
  const at = Math.min(active, Math.max(0, shown.length - 1));
  const optionId = (i: number) => `${listId}-o${i}`;

  return (
    <div className="picker">
      <input
        className="input"
        role="combobox"
        aria-label={label}
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown.length ? optionId(at) : undefined}
        placeholder={placeholder}
        data-autofocus
        autoComplete="off"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive(Math.min(shown.length - 1, at + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive(Math.max(0, at - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (shown[at]) onPick(shown[at].value);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label={label} className="picker-list">
        {shown.map((o, i) => (
          <li
            key={o.value}
            id={optionId(i)}
            role="option"
            aria-selected={i === at}
            className={i === at ? 'picker-option picker-option-active' : 'picker-option'}
            onMouseMove={() => setActive(i)}
            onClick={() => onPick(o.value)}
          >
            <span className={o.className}>{o.label}</span>
            {o.hint ? <span className="picker-hint">{o.hint}</span> : null}
          </li>
        ))}
      </ul>
      {shown.length === 0 ? <p className="muted small picker-empty">{empty}</p> : null}
    </div>
  );
}
