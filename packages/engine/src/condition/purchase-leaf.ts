import type { ConditionLeaf } from '@segflow/schema';
import type { PurchaseFact } from '../facts';
import { DAY_MS, purchaseColumn, purchaseValues } from './leaf-values';
import type { Predicate } from './to-predicate';

/** `has_purchased`: a matching line exists (or, with `minCount`, matching quantities sum to it). */
export function purchaseLeaf(leaf: ConditionLeaf): Predicate {
  const readValue = purchaseReader(purchaseColumn(leaf.field));
  const wanted = purchaseValues(leaf.value);
  const single = wanted.length === 1 ? wanted[0]! : null;
  const set = new Set(wanted);
  const span = leaf.withinDays === undefined ? null : leaf.withinDays * DAY_MS;
  const minCount = leaf.minCount;
  const has: Predicate = (f, c) => {
    const purchases = f.purchases;
    if (purchases === undefined || purchases.length === 0) return false;
    const since = span === null ? Number.NEGATIVE_INFINITY : c.now.getTime() - span;
    let sum = 0;
    for (let i = 0; i < purchases.length; i++) {
      const p = purchases[i]!;
      const v = readValue(p);
      if (v === null || (single === null ? !set.has(v) : v !== single) || p.orderedAt.getTime() < since)
        continue;
      if (minCount === undefined) return true;
      sum += p.quantity;
    }
    return minCount !== undefined && sum >= minCount;
  };
  return leaf.op === 'has_purchased' ? has : (f, c) => !has(f, c);
}

function purchaseReader(
  column: 'sku' | 'productId' | 'category' | 'brand',
): (p: PurchaseFact) => string | null {
  switch (column) {
    case 'sku':
      return (p) => p.sku;
    case 'productId':
      return (p) => p.productId;
    case 'category':
      return (p) => p.category;
    case 'brand':
      return (p) => p.brand;
  }
}
