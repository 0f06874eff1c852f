/** One day in milliseconds: "within N days" is a rolling window of N × 24 h before now. */
export const DAY_MS = 86_400_000;

/** A condition date value as epoch ms: a date-only value is 00:00 UTC that day. */
export function leafInstant(value: unknown): number {
  const text = String(value);
  return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
}

/** Purchase leaves accept one value or a list; both mean "any of these". */
export function purchaseValues(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

const purchaseColumns = {
  'purchase.sku': 'sku',
  'purchase.productId': 'productId',
  'purchase.category': 'category',
  'purchase.brand': 'brand',
} as const;

/** The purchase fact key a `purchase.*` field compares. */
export function purchaseColumn(field: string): 'sku' | 'productId' | 'category' | 'brand' {
  const column = purchaseColumns[field as keyof typeof purchaseColumns];
  if (!column) throw new Error(`Not a purchase field: ${field}`);
  return column;
}
