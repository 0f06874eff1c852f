import { useQuery } from '@tanstack/react-query';
import type { FieldInfo } from '../../catalog/catalog-model';
import { fieldValuesQueries } from '../../catalog/field-values-queries';
import { useDebouncedValue } from '../../shell/use-debounced-value';
import { useStoreId } from '../../stores/current-store';

/** A value a picker offers: the stored value, what the marketer reads, and how many customers have it. */
export interface Suggestion {
  value: string;
  label: string;
  /** Customers with this value in the store's data; absent for catalog-only suggestions. */
  count?: number;
  /** The count is estimated from a sample of a large store (shown "≈ 12,300"). */
  isApproximate?: boolean;
}

/**
 * The values to offer for a rule on `fieldId` while the marketer types `text`: the values present in
 * the store's data (most customers first, fetched debounced and cached per field and text), then the
 * catalog's own suggestions not seen in the data. Fields with named codes (states, countries) fetch
 * their whole list once and match names locally, so "tex" finds TX.
 */
export function useValueSuggestions(
  field: FieldInfo | undefined,
  fieldId: string,
  text: string,
): { suggestions: Suggestion[]; isFetching: boolean } {
  const storeId = useStoreId();
  const named = field?.options ?? [];
  const debounced = useDebouncedValue(text.trim(), 200);
  const q = named.length > 0 ? '' : debounced;
  const enabled = Boolean(field?.hasDataValues) && !fieldId.endsWith('.');
  const query = useQuery({ ...fieldValuesQueries.list(storeId, fieldId, q), enabled });
  const data = enabled && query.data?.field === fieldId ? query.data.values : [];
  const nameOf = new Map(named.map((o) => [o.value, o.label]));
  const fromData: Suggestion[] = data.map((v) => ({
    value: v.value,
    label: nameOf.get(v.value) ?? (v.label ? `${v.label} (${v.value})` : v.value),
    count: v.count,
    ...(v.approximate ? { isApproximate: true } : {}),
  }));
  const seen = new Set(fromData.map((s) => s.value));
  return {
    suggestions: [...fromData, ...named.filter((o) => !seen.has(o.value))],
    isFetching: enabled && query.isFetching,
  };
}
