import { useEffect, useId, useState } from 'react';

/**
 * Labelled inputs for node forms. Each renders a real <label> so every field has an accessible
 * name (e2e selects them with getByLabel).
 */

interface BaseProps {
  label: string;
  hint?: string;
}

/** A one-line or multi-line text input. */
export function TextField({
  label,
  hint,
  value,
  onChange,
  multiline,
  placeholder,
  list,
}: BaseProps & {
  value: string;
  onChange: (v: string) => void;
  multiline?: boolean;
  placeholder?: string;
  list?: string;
}) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          value={value}
          placeholder={placeholder}
          rows={5}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          id={id}
          type="text"
          value={value}
          list={list}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint && <small>{hint}</small>}
    </div>
  );
}

/** A number input that reports `null` when cleared. */
export function NumberField({
  label,
  hint,
  value,
  onChange,
  min,
  max,
  step,
  suffix,
}: BaseProps & {
  value: number | null | undefined;
  onChange: (v: number | null) => void;
  min?: number;
  max?: number;
  step?: number;
  suffix?: string;
}) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <div className="input-affix">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={value ?? ''}
          min={min}
          max={max}
          step={step}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
        {suffix && <span>{suffix}</span>}
      </div>
      {hint && <small>{hint}</small>}
    </div>
  );
}

/** A select over fixed options. */
export function SelectField({
  label,
  hint,
  value,
  onChange,
  options,
}: BaseProps & {
  value: string;
  onChange: (v: string) => void;
  options: Array<{ value: string; label: string }>;
}) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && <small>{hint}</small>}
    </div>
  );
}

/** Parses "a, b ,c" into ["a","b","c"]. */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** A comma-separated list input (tags, states); keeps the raw text while typing. */
export function ListField({
  label,
  hint,
  value,
  onChange,
  placeholder,
}: BaseProps & { value: string[]; onChange: (v: string[]) => void; placeholder?: string }) {
  const id = useId();
  const [text, setText] = useState(value.join(', '));
  useEffect(() => {
    if (parseList(text).join(',') !== value.join(',')) setText(value.join(', '));
  }, [value, text]);
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseList(e.target.value));
        }}
      />
      {hint && <small>{hint}</small>}
    </div>
  );
}

/** Reads a string config key. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** Reads a number config key (null when absent). */
export const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
/** Reads a string-list config key. */
export const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
