import { useMemo } from 'react';
import type { Catalog, FieldInfo } from '../../catalog/catalog-model';

/** Groups fields by their catalog group, in catalog order. */
export function groupFields(fields: readonly FieldInfo[]): Array<[string, FieldInfo[]]> {
  const groups = new Map<string, FieldInfo[]>();
  for (const f of fields) {
    const list = groups.get(f.group) ?? [];
    list.push(f);
    groups.set(f.group, list);
  }
  return [...groups.entries()];
}

/** The "Field" select: fields grouped by kind (customer, orders, purchases, event …). */
export function FieldPicker({
  catalog,
  value,
  onChange,
  filter,
}: {
  catalog: Catalog;
  value: string;
  onChange: (field: FieldInfo) => void;
  filter: string;
}) {
  const groups = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const fields = q
      ? catalog.fields.filter(
          (f) => f.label.toLowerCase().includes(q) || f.group.toLowerCase().includes(q) || f.id === value,
        )
      : catalog.fields;
    return groupFields(fields);
  }, [catalog, filter, value]);
  const known = catalog.fieldById.has(value);
  return (
    <select
      aria-label="Field"
      value={value}
      onChange={(e) => {
        const field = catalog.fieldById.get(e.target.value);
        if (field) onChange(field);
      }}
    >
      {!known && <option value={value}>{value || 'Choose a field…'}</option>}
      {groups.map(([group, fields]) => (
        <optgroup key={group} label={group}>
          {fields.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
