import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { formatCount } from '../../shell/format';
import type { Suggestion } from './use-value-suggestions';

/** Suggestions whose label or value contains the typed text, minus the values already chosen. */
export function matchSuggestions(suggestions: Suggestion[], text: string, chosen: string[]): Suggestion[] {
  const wanted = text.trim().toLowerCase();
  return suggestions.filter(
    (s) =>
      !chosen.includes(s.value) &&
      (!wanted || s.label.toLowerCase().includes(wanted) || s.value.toLowerCase().includes(wanted)),
  );
}

/**
 * A multi-value combobox: values as removable chips, typing opens a listbox of suggestions (names
 * shown, codes stored: "Texas (TX)" → "TX", with how many customers have each). Arrow keys move
 * through the list, Enter picks the highlighted one or adds what was typed (free entry), comma or
 * leaving the field adds what was typed, Escape closes the list.
 */
export function ChipsInput({
  label,
  values,
  onChange,
  onTextChange,
  suggestions,
  isLoading = false,
  placeholder = 'Type and press Enter',
}: {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  /** Reports the text being typed, for callers that fetch suggestions for it. */
  onTextChange?: (text: string) => void;
  suggestions: Suggestion[];
  isLoading?: boolean;
  placeholder?: string;
}) {
  const listId = useId();
  const [text, setTextState] = useState('');
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Labels of values picked earlier stay known when the list no longer holds them.
  const labels = useRef(new Map<string, string>());
  for (const s of suggestions) labels.current.set(s.value, s.label);
  const labelOf = (value: string) => labels.current.get(value) ?? value;
  const options = matchSuggestions(suggestions, text, values).slice(0, 50);
  const isExpanded = isOpen && options.length > 0;

  const setText = (next: string) => {
    setTextState(next);
    setActive(-1);
    onTextChange?.(next);
  };
  const add = (value: string) => {
    if (!values.includes(value)) onChange([...values, value]);
    setText('');
  };
  const commit = (raw: string) => {
    const typed = raw.trim();
    if (!typed) return;
    const wanted = typed.toLowerCase();
    const match = suggestions.find(
      (s) =>
        s.value.toLowerCase() === wanted ||
        s.label.toLowerCase() === wanted ||
        s.label.replace(/\s*\([^)]*\)$/, '').toLowerCase() === wanted,
    );
    add(match?.value ?? typed);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.max(-1, Math.min(options.length - 1, i + step)));
    } else if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      const picked = isExpanded && active >= 0 ? options[active] : undefined;
      if (picked) add(picked.value);
      else commit(text);
    } else if (e.key === 'Escape' && isExpanded) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === 'Backspace' && text === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <div className="chips combobox">
      {values.map((v) => (
        <span key={v} className="chip">
          {labelOf(v)}
          <button
            type="button"
            className="chip-remove"
            aria-label={`Remove ${labelOf(v)}`}
            onClick={() => onChange(values.filter((x) => x !== v))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        aria-label={label}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={isExpanded}
        aria-controls={listId}
        aria-activedescendant={isExpanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-busy={isLoading}
        value={text}
        placeholder={values.length ? '' : placeholder}
        onChange={(e) => {
          const next = e.target.value;
          setOpen(true);
          if (next.endsWith(',')) commit(next.slice(0, -1));
          else setText(next);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          commit(text);
          setOpen(false);
        }}
      />
      <div
        id={listId}
        role="listbox"
        aria-label={`${label} suggestions`}
        className="combobox-list"
        hidden={!isExpanded}
      >
        {isExpanded &&
          options.map((s, i) => (
            <div
              key={s.value}
              tabIndex={-1}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              // mousedown, not click: the input keeps focus, so its blur does not commit the typed text.
              onMouseDown={(e) => {
                e.preventDefault();
                add(s.value);
              }}
            >
              <span>{s.label}</span>
              {s.count !== undefined && (
                <span className="combobox-count">
                  {formatCount(s.count)} customer{s.count === 1 ? '' : 's'}
                </span>
              )}
            </div>
          ))}
      </div>
    </div>
  );
}
