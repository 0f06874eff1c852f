import { type KeyboardEvent, useId, useState } from 'react';

/**
 * A multi-value input: values as removable chips, typing with suggestions (names shown, codes
 * stored: "Texas (TX)" → "TX"). Enter, comma or leaving the field adds what was typed.
 */
export function ChipsInput({
  label,
  values,
  onChange,
  suggestions,
  placeholder = 'Type and press Enter',
}: {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  suggestions: Array<{ value: string; label: string }>;
  placeholder?: string;
}) {
  const listId = useId();
  const [text, setText] = useState('');
  const labelOf = (value: string) => suggestions.find((s) => s.value === value)?.label ?? value;

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
    const value = match?.value ?? typed;
    if (!values.includes(value)) onChange([...values, value]);
    setText('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      commit(text);
    } else if (e.key === 'Backspace' && text === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <div className="chips">
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
        value={text}
        list={suggestions.length ? listId : undefined}
        placeholder={values.length ? '' : placeholder}
        onChange={(e) => {
          const next = e.target.value;
          // Picking a datalist entry fills the whole label at once: take it as a chip.
          if (suggestions.some((s) => s.label === next)) commit(next);
          else if (next.endsWith(',')) commit(next.slice(0, -1));
          else setText(next);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => commit(text)}
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions
            .filter((s) => !values.includes(s.value))
            .map((s) => (
              <option key={s.value} value={s.label} />
            ))}
        </datalist>
      )}
    </div>
  );
}
