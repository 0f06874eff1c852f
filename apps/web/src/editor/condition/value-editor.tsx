import { useEffect, useState } from 'react';
import type { FieldInfo } from '../../catalog/catalog-model';
import type { ConditionLeaf } from '../../workflows/graph';
import { ChipsInput } from './chips-input';
import { SuggestInput } from './suggest-input';
import { valueShape } from './operators';
import { useValueSuggestions } from './use-value-suggestions';

/** Dollars typed by a marketer → integer cents as stored ("5,000.5" → 500050). */
export function dollarsToCents(text: string): number | null {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (cleaned === '' || Number.isNaN(Number(cleaned))) return null;
  return Math.round(Number(cleaned) * 100);
}

/** Integer cents → the dollars text shown in the input (500000 → "5000"). */
export function centsToDollars(cents: unknown): string {
  if (typeof cents !== 'number') return '';
  return (cents / 100).toString();
}

function MoneyInput({
  label,
  cents,
  onChange,
}: {
  label: string;
  cents: unknown;
  onChange: (c: number | null) => void;
}) {
  const [text, setText] = useState(centsToDollars(cents));
  useEffect(() => {
    if (dollarsToCents(text) !== (typeof cents === 'number' ? cents : null)) setText(centsToDollars(cents));
  }, [cents, text]);
  return (
    <span className="input-affix input-money">
      <span>$</span>
      <input
        aria-label={label}
        type="text"
        inputMode="decimal"
        value={text}
        placeholder="0.00"
        onChange={(e) => {
          setText(e.target.value);
          onChange(dollarsToCents(e.target.value));
        }}
      />
    </span>
  );
}

/** Free text with the store's values for the field suggested under it (city, SKU, category …). */
function DataTextInput({
  label,
  field,
  fieldId,
  value,
  onChange,
}: {
  label: string;
  field: FieldInfo;
  fieldId: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { suggestions, isFetching } = useValueSuggestions(field, fieldId, value);
  return (
    <SuggestInput
      label={label}
      value={value}
      onChange={onChange}
      suggestions={suggestions}
      isLoading={isFetching}
      placeholder={field.type === 'purchase' ? 'SKU, product, category or brand' : ''}
    />
  );
}

function ScalarInput({
  label,
  field,
  fieldId,
  value,
  onChange,
}: {
  label: string;
  field: FieldInfo | undefined;
  fieldId: string;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const type = field?.type ?? 'string';
  if (type === 'money') return <MoneyInput label={label} cents={value} onChange={onChange} />;
  if (type === 'number') {
    return (
      <input
        aria-label={label}
        type="number"
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      />
    );
  }
  if (type === 'date') {
    return (
      <input
        aria-label={label}
        type="date"
        value={typeof value === 'string' ? value.slice(0, 10) : ''}
        onChange={(e) => onChange(e.target.value || null)}
      />
    );
  }
  if (field && field.options.length > 0) {
    return (
      <select
        aria-label={label}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">Choose…</option>
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  const text = value === null || value === undefined ? '' : String(value);
  if (field?.hasDataValues) {
    return <DataTextInput label={label} field={field} fieldId={fieldId} value={text} onChange={onChange} />;
  }
  return (
    <input
      aria-label={label}
      type="text"
      value={text}
      placeholder={type === 'purchase' ? 'SKU, product, category or brand' : ''}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function ListInput({
  field,
  fieldId,
  value,
  onChange,
}: {
  field: FieldInfo | undefined;
  fieldId: string;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const [text, setText] = useState('');
  const { suggestions, isFetching } = useValueSuggestions(field, fieldId, text);
  const current = Array.isArray(value) ? value.map(String) : [];
  return (
    <ChipsInput
      label="Value"
      values={current}
      suggestions={suggestions}
      isLoading={isFetching}
      onTextChange={setText}
      onChange={(items) =>
        onChange(field?.type === 'number' || field?.type === 'money' ? items.map(Number) : items)
      }
    />
  );
}

/** The value input(s) that fit the field and operator; money in dollars, days as a number. */
export function ValueEditor({
  leaf,
  field,
  onChange,
}: {
  leaf: ConditionLeaf;
  field: FieldInfo | undefined;
  onChange: (leaf: ConditionLeaf) => void;
}) {
  const shape = valueShape(leaf.op);
  const setValue = (value: unknown) => onChange({ ...leaf, value });
  if (shape === 'none') return null;
  if (shape === 'days') {
    return (
      <span className="input-affix">
        <input
          aria-label="Value"
          type="number"
          min={1}
          value={typeof leaf.value === 'number' ? leaf.value : ''}
          onChange={(e) => setValue(e.target.value === '' ? null : Number(e.target.value))}
        />
        <span>days</span>
      </span>
    );
  }
  if (shape === 'list')
    return <ListInput field={field} fieldId={leaf.field} value={leaf.value} onChange={setValue} />;
  if (shape === 'range') {
    const [from, to] = Array.isArray(leaf.value) ? leaf.value : [null, null];
    return (
      <span className="range-inputs">
        <ScalarInput
          label="Value"
          field={field}
          fieldId={leaf.field}
          value={from}
          onChange={(v) => setValue([v, to ?? null])}
        />
        <span className="muted">and</span>
        <ScalarInput
          label="Value (upper)"
          field={field}
          fieldId={leaf.field}
          value={to}
          onChange={(v) => setValue([from ?? null, v])}
        />
      </span>
    );
  }
  return (
    <>
      <ScalarInput label="Value" field={field} fieldId={leaf.field} value={leaf.value} onChange={setValue} />
      {field?.type === 'purchase' && <PurchaseParams leaf={leaf} onChange={onChange} />}
    </>
  );
}

function PurchaseParams({
  leaf,
  onChange,
}: {
  leaf: ConditionLeaf;
  onChange: (leaf: ConditionLeaf) => void;
}) {
  const set = (key: 'withinDays' | 'minCount', text: string) => {
    const next = { ...leaf };
    if (text === '') delete next[key];
    else next[key] = Number(text);
    onChange(next);
  };
  return (
    <span className="purchase-params">
      <label>
        within
        <input
          type="number"
          min={1}
          aria-label="Within days"
          value={typeof leaf.withinDays === 'number' ? leaf.withinDays : ''}
          onChange={(e) => set('withinDays', e.target.value)}
        />
        days
      </label>
      <label>
        at least
        <input
          type="number"
          min={1}
          aria-label="Minimum count"
          value={typeof leaf.minCount === 'number' ? leaf.minCount : ''}
          onChange={(e) => set('minCount', e.target.value)}
        />
        times
      </label>
    </span>
  );
}
