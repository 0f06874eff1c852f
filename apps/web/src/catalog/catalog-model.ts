import { regionOptions } from './regions';

/**
 * The catalog as the editor uses it: node types for the palette, fields and the operators valid
 * for each. `normalizeCatalog` accepts `GET /api/catalog` in array or record form so the editor
 * does not break when the API adds keys.
 */

/** The three node families, in palette order. */
export const NODE_KINDS = ['trigger', 'condition', 'action'] as const;
/** A node family. */
export type NodeKind = (typeof NODE_KINDS)[number];

/** A node type the palette offers. */
export interface NodeTypeInfo {
  type: string;
  kind: NodeKind;
  label: string;
  description: string;
  /** The catalog's default config for a new node, when it gives one. */
  defaultConfig: Record<string, unknown> | null;
  /** Event fields a trigger carries (for conditions below it). */
  eventFields: string[];
}

/** The value kinds a field can have; money is a number in cents shown in dollars. */
export type FieldType = 'number' | 'money' | 'string' | 'date' | 'set' | 'boolean' | 'purchase' | 'segment';

/** A field conditions can test. */
export interface FieldInfo {
  id: string;
  label: string;
  group: string;
  type: FieldType;
  operators: string[];
  options: Array<{ value: string; label: string }>;
  /** Where the value comes from: the customer, or the triggering event (only under triggers that carry it). */
  source: 'customer' | 'event';
  /** `customer.attributes.<key>`: the id is a prefix and the rule names its own key. */
  dynamic: boolean;
  /** Pickers suggest the values present in the store's data (`GET …/field-values`). */
  hasDataValues: boolean;
}

/** The normalised catalog. */
export interface Catalog {
  nodeTypes: NodeTypeInfo[];
  fields: FieldInfo[];
  fieldById: Map<string, FieldInfo>;
  operatorsByType: Record<string, string[]>;
}

type Raw = Record<string, unknown>;

const DEFAULT_OPERATORS: Record<string, string[]> = {
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'],
  money: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'],
  string: ['eq', 'neq', 'contains', 'not_contains', 'starts_with', 'ends_with', 'in', 'not_in'],
  date: ['before', 'after', 'between', 'within_last', 'not_within_last'],
  set: ['contains_any', 'contains_all', 'contains_none'],
  boolean: ['is_true', 'is_false'],
  purchase: ['has_purchased', 'has_not_purchased'],
  segment: ['in_segment', 'not_in_segment'],
};
const PRESENCE = ['is_set', 'is_not_set'];

function entries(value: unknown): Raw[] {
  if (Array.isArray(value)) return value as Raw[];
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, Raw>).map(([key, v]) => ({ id: key, type: key, ...v }));
  }
  return [];
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

const GROUP_LABELS: Record<string, string> = {
  demographic: 'Demographic',
  geographic: 'Location',
  behavioural: 'Behaviour',
  firmographic: 'Company',
  technographic: 'Channel & device',
  custom: 'Custom attributes',
  event: 'This event (order / cart)',
};

function groupLabel(group: string): string {
  return GROUP_LABELS[group] ?? group.charAt(0).toUpperCase() + group.slice(1);
}

function titleFromId(id: string): string {
  const last = id.split('.').pop() ?? id;
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

function kindOf(raw: Raw, type: string): NodeKind {
  const kind = str(raw.kind) || str(raw.category) || type.split('.')[0] || 'action';
  return (NODE_KINDS as readonly string[]).includes(kind) ? (kind as NodeKind) : 'action';
}

function fieldType(raw: Raw, id: string): FieldType {
  const declared = str(raw.type) || str(raw.valueType);
  if (
    raw.valueKind === 'money' ||
    declared === 'money' ||
    raw.unit === 'cents' ||
    raw.format === 'money' ||
    raw.money === true
  )
    return 'money';
  if (id.startsWith('purchase.')) return 'purchase';
  if (id === 'segment') return 'segment';
  if (declared === 'text' || declared === 'enum') return 'string';
  if (declared === 'integer') return 'number';
  if (declared === 'datetime' || declared === 'timestamp') return 'date';
  if (declared === 'tags' || declared === 'array') return 'set';
  return (Object.keys(DEFAULT_OPERATORS).includes(declared) ? declared : 'string') as FieldType;
}

function options(raw: Raw): FieldInfo['options'] {
  const list = raw.options ?? raw.suggestions ?? raw.values ?? raw.enum;
  if (!Array.isArray(list)) return [];
  return list.map((o) =>
    typeof o === 'string'
      ? { value: o, label: o }
      : { value: str((o as Raw).value), label: str((o as Raw).label, str((o as Raw).value)) },
  );
}

function normalizeOperatorsByType(raw: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = { ...DEFAULT_OPERATORS };
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [type, ops] of Object.entries(raw as Record<string, unknown>)) {
      if (Array.isArray(ops)) out[type] = ops.map((o) => (typeof o === 'string' ? o : str((o as Raw).id)));
    }
  }
  return out;
}

/** Turns whatever `GET /api/catalog` returned into the editor's Catalog. */
export function normalizeCatalog(body: unknown): Catalog {
  const root = (body ?? {}) as Raw;
  const operatorsByType = normalizeOperatorsByType(root.operators ?? root.operatorsByType);
  const nodeTypes = entries(root.nodeTypes ?? root.nodes).map((raw): NodeTypeInfo => {
    const type = str(raw.type) || str(raw.id);
    return {
      type,
      kind: kindOf(raw, type),
      label: str(raw.label) || str(raw.title) || titleFromId(type),
      description: str(raw.description),
      defaultConfig:
        raw.defaultConfig && typeof raw.defaultConfig === 'object'
          ? (raw.defaultConfig as Record<string, unknown>)
          : null,
      eventFields: Array.isArray(raw.eventFields) ? (raw.eventFields as string[]) : [],
    };
  });
  const fields = entries(root.fields).map((raw): FieldInfo => {
    const id = str(raw.id) || str(raw.field) || str(raw.key);
    const type = fieldType(raw, id);
    const declaredOps = Array.isArray(raw.operators) ? (raw.operators as unknown[]).map(String) : null;
    const base = operatorsByType[type] ?? operatorsByType[str(raw.type)] ?? [];
    const ops = declaredOps ?? [...base, ...(type === 'purchase' || type === 'segment' ? [] : PRESENCE)];
    return {
      id,
      label: str(raw.label) || titleFromId(id),
      group: groupLabel(str(raw.group) || str(raw.category) || 'other'),
      type,
      operators: [...new Set(ops)],
      options: options(raw).length ? options(raw) : regionOptions(id),
      source:
        raw.source === 'event' || id.startsWith('order.') || id.startsWith('cart.') ? 'event' : 'customer',
      dynamic: raw.dynamic === true,
      hasDataValues: raw.valuesFromData === true,
    };
  });
  return { nodeTypes, fields, fieldById: new Map(fields.map((f) => [f.id, f])), operatorsByType };
}

/** Finds the field of a leaf, including dynamic ones (`customer.attributes.income` → Custom attribute). */
export function resolveField(catalog: Catalog | undefined, id: string): FieldInfo | undefined {
  if (!catalog) return undefined;
  const exact = catalog.fieldById.get(id);
  if (exact && !exact.dynamic) return exact;
  return catalog.fields.find((f) => f.dynamic && id.startsWith(`${f.id}.`)) ?? exact;
}
