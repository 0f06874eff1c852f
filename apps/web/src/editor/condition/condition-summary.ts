import { type Catalog, type FieldInfo, resolveField } from '../../catalog/catalog-model';
import { formatCents, formatDate } from '../../shell/format';
import type { Condition, ConditionLeaf } from '../../workflows/graph';
import { childrenOf, kindOf } from './condition-tree';
import { operatorSymbol, valueShape } from './operators';

function fieldLabel(id: string, field: FieldInfo | undefined): string {
  if (field) return field.label;
  if (id.startsWith('customer.attributes.')) return `Attribute “${id.slice('customer.attributes.'.length)}”`;
  const last = id.split('.').pop() ?? id;
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One value as a marketer reads it: dollars for money, dates spelled out, lists joined. */
export function formatValue(value: unknown, field: FieldInfo | undefined): string {
  if (value === null || value === undefined || value === '') return '…';
  if (Array.isArray(value)) return value.map((v) => formatValue(v, field)).join(', ');
  if (field?.type === 'money' && typeof value === 'number') return formatCents(value);
  if (field?.type === 'date' && typeof value === 'string') return formatDate(value);
  if (typeof value === 'number') return value.toLocaleString('en-US');
  const option = field?.options.find((o) => o.value === value);
  return option ? option.label : String(value);
}

/** "Lifetime spend > $5,000", "State is one of TX, CA", "Bought Phones within 30 days". */
export function summarizeLeaf(leaf: ConditionLeaf, catalog: Catalog | undefined): string {
  const field = resolveField(catalog, leaf.field);
  const label = field?.dynamic ? fieldLabel(leaf.field, undefined) : fieldLabel(leaf.field, field);
  const symbol = operatorSymbol(leaf.op);
  const shape = valueShape(leaf.op);
  if (shape === 'none') return `${label} ${symbol}`;
  if (shape === 'days') return `${label} ${symbol} ${formatValue(leaf.value, undefined)} days`;
  if (shape === 'range') {
    const [from, to] = Array.isArray(leaf.value) ? leaf.value : [leaf.value, undefined];
    return `${label} between ${formatValue(from, field)} and ${formatValue(to, field)}`;
  }
  let text = `${label} ${symbol} ${formatValue(leaf.value, field)}`;
  if (typeof leaf.withinDays === 'number') text += ` within ${leaf.withinDays} days`;
  if (typeof leaf.minCount === 'number' && leaf.minCount > 1) text += ` at least ${leaf.minCount}×`;
  return text;
}

/** A whole tree in one line: groups joined by "and"/"or", nested groups in parentheses. */
export function summarizeCondition(
  condition: Condition | undefined | null,
  catalog: Catalog | undefined,
): string {
  if (!condition) return 'No rules yet';
  const text = summarizeNode(condition, catalog, true);
  return text || 'No rules yet';
}

function summarizeNode(condition: Condition, catalog: Catalog | undefined, isRoot: boolean): string {
  const kind = kindOf(condition);
  if (kind === 'leaf') return summarizeLeaf(condition as ConditionLeaf, catalog);
  if (kind === 'not') {
    const inner = summarizeNode((condition as { not: Condition }).not, catalog, false);
    return inner ? `not (${inner})` : '';
  }
  const parts = childrenOf(condition)
    .map((child) => summarizeNode(child, catalog, false))
    .filter(Boolean);
  if (parts.length === 0) return '';
  const joined = parts.join(kind === 'all' ? ' and ' : ' or ');
  return isRoot || parts.length === 1 ? joined : `(${joined})`;
}
