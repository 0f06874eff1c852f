import { type KeyboardEvent, useRef, useState } from 'react';
import { matchSuggestions, SuggestionList, useListbox } from './suggestion-list';
import type { Suggestion } from './use-value-suggestions';

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
  const [text, setTextState] = useState('');
  // Labels of values picked earlier stay known when the list no longer holds them.
  const labels = useRef(new Map<string, string>());
  for (const s of suggestions) labels.current.set(s.value, s.label);
  const labelOf = (value: string) => labels.current.get(value) ?? value;
  const options = matchSuggestions(suggestions, text, values).slice(0, 50);

  const setText = (next: string) => {
    setTextState(next);
    listbox.resetActive();
    onTextChange?.(next);
  };
  const add = (value: string) => {
    if (!values.includes(value)) onChange([...values, value]);
    setText('');
  };
  const listbox = useListbox(options, (s) => add(s.value));
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
    if (listbox.onKey(e)) return;
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      commit(text);
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
        {...listbox.inputProps}
        aria-busy={isLoading}
        value={text}
        placeholder={values.length ? '' : placeholder}
        onChange={(e) => {
          const next = e.target.value;
          listbox.setOpen(true);
          if (next.endsWith(',')) commit(next.slice(0, -1));
          else setText(next);
        }}
        onFocus={() => listbox.setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          commit(text);
          listbox.setOpen(false);
        }}
      />
      <SuggestionList
        id={listbox.listId}
        label={label}
        options={options}
        active={listbox.active}
        isExpanded={listbox.isExpanded}
        onPick={(s) => add(s.value)}
      />
    </div>
  );
}
