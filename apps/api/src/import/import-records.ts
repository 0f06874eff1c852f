import {
  type EventCustomer,
  EventCustomerSchema,
  type EventOrder,
  EventOrderSchema,
  type LineItem,
} from '@segflow/schema';
import { camelKey } from './csv-line';

/** What one import line is: a customer, or an order of a customer (by external id). */
export type ImportRecord =
  | { kind: 'customer'; customer: EventCustomer }
  | { kind: 'order'; customerExternalId: string; customer?: EventCustomer; order: EventOrder };

/** A line that cannot be imported, with the reason shown to the user. */
export class RejectedLine extends Error {}

const booleans: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
  y: true,
  n: false,
};

function normalise(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === '' || value === undefined) continue;
    out[key.startsWith('attr.') ? key : camelKey(key)] = value;
  }
  return out;
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0]!;
  return `${issue.path.map(String).join('.') || 'line'}: ${issue.message}`;
}

function parseJsonField(value: unknown, name: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new RejectedLine(`${name}: not valid JSON`);
  }
}

/** Builds the customer of a flat (CSV) or nested (NDJSON) record; throws {@link RejectedLine}. */
export function toCustomer(input: Record<string, unknown>): EventCustomer {
  const r = normalise(input);
  const attributes: Record<string, unknown> = {
    ...((parseJsonField(r.attributes, 'attributes') as object) ?? {}),
  };
  for (const [k, v] of Object.entries(r)) if (k.startsWith('attr.')) attributes[k.slice(5)] = v;
  const accepts = r.acceptsMarketing;
  const candidate = {
    externalId: r.externalId ?? r.id,
    email: r.email,
    firstName: r.firstName,
    lastName: r.lastName,
    company: r.company,
    phone: r.phone,
    gender: r.gender,
    birthDate: r.birthDate,
    address:
      r.address ??
      (r.country || r.state || r.city || r.zip
        ? { country: r.country, state: r.state, city: r.city, zip: r.zip }
        : undefined),
    acceptsMarketing:
      typeof accepts === 'string' ? (booleans[accepts.trim().toLowerCase()] ?? accepts) : accepts,
    tags:
      typeof r.tags === 'string'
        ? r.tags
            .split(/[;|]/)
            .map((t) => t.trim())
            .filter(Boolean)
        : r.tags,
    createdAt: r.createdAt,
    attributes: Object.keys(attributes).length > 0 ? attributes : undefined,
  };
  const parsed = EventCustomerSchema.safeParse(candidate);
  if (!parsed.success) throw new RejectedLine(firstIssue(parsed.error));
  return parsed.data;
}

function toNumber(value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}

/** Builds an order record (CSV: one line per order; items as JSON or one item in flat columns). */
export function toOrder(input: Record<string, unknown>): ImportRecord {
  const r = normalise(input);
  const customerExternalId =
    r.customerExternalId ?? (r.customer as { externalId?: unknown } | undefined)?.externalId;
  if (typeof customerExternalId !== 'string' || customerExternalId === '')
    throw new RejectedLine('customerExternalId: required');
  let items = parseJsonField(r.items, 'items') as LineItem[] | undefined;
  if (!items && (r.sku || r.unitPrice))
    items = [
      {
        sku: r.sku as string,
        productId: r.productId as string,
        name: r.name as string,
        category: r.category as string,
        brand: r.brand as string,
        quantity: toNumber(r.quantity ?? 1) as number,
        unitPrice: toNumber(r.unitPrice) as number,
      },
    ];
  const candidate = {
    externalId: r.externalId ?? r.orderId ?? r.id,
    total: toNumber(r.total),
    currency: r.currency ?? 'USD',
    status: r.status ?? 'paid',
    channel: r.channel,
    couponCode: r.couponCode,
    createdAt: r.createdAt,
    items: items ?? [],
  };
  const parsed = EventOrderSchema.safeParse(candidate);
  if (!parsed.success) throw new RejectedLine(firstIssue(parsed.error));
  const customer =
    r.customer && typeof r.customer === 'object'
      ? toCustomer(r.customer as Record<string, unknown>)
      : undefined;
  return { kind: 'order', customerExternalId, customer, order: parsed.data };
}
