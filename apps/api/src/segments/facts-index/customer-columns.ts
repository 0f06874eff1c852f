import type { CustomerFacts } from '@segflow/engine';
import pg from 'pg';
import { CodedColumn } from './coded-column';
import type { BinaryTuple } from './copy-binary';
import { PurchaseLines } from './purchase-lines';

/**
 * The SELECT list of a customer's facts, in the field order {@link CustomerColumns.put} reads from a
 * binary COPY, over `customers c` LEFT JOIN `customer_stats s`. Phone is not read: no condition
 * field compares it.
 */
export const FACTS_COLUMNS = `c.id, c.email, c.first_name, c.last_name, c.company, c.gender, c.birth_date::text,
  c.country, c.state, c.city, c.zip, c.group_name, c.accepts_marketing, c.tags::text, c.attributes::text,
  c.created_at, s.lifetime_spend, s.order_count, s.average_order_value, s.first_order_at, s.last_order_at`;

/** Coded text columns, in {@link FACTS_COLUMNS} order from field 2. */
export const CODED_TEXT = [
  'firstName',
  'lastName',
  'company',
  'gender',
  'birthDate',
  'country',
  'state',
  'city',
  'zip',
  'group',
] as const;
export type CodedText = (typeof CODED_TEXT)[number];

const TEXT_ARRAY = 1009 as Parameters<typeof pg.types.getTypeParser>[0];
/** The pg driver's own `text[]` parser, once per distinct tag list. */
const parseTextArray = pg.types.getTypeParser(TEXT_ARRAY, 'text') as (text: string) => string[];
const asText = (text: string) => text;

/** The raw part of an email after its last `@` (the engine's `emailDomain`, before folding). */
export function rawDomain(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  return at < 0 || at === email.length - 1 ? null : email.slice(at + 1);
}

/**
 * A store's customers held column by column, one slot per customer: typed arrays for numbers and
 * instants (epoch µs, NaN when missing, so sorts and cursors keep Postgres' precision), coded
 * columns for texts, tag lists and attributes, the email's domain coded beside the email, and every
 * order line in {@link PurchaseLines}. {@link row} reads a slot as the engine's `CustomerFacts`
 * without copying. Customers are never removed (the app deletes none; a deleted store's index is
 * dropped whole).
 */
export class CustomerColumns {
  size = 0;
  private capacity = 0;
  ids = new Float64Array(0);
  readonly slotOf = new Map<number, number>();
  email: (string | null)[] = [];
  readonly coded = Object.fromEntries(CODED_TEXT.map((c) => [c, new CodedColumn(asText)])) as Record<
    CodedText,
    CodedColumn<string>
  >;
  readonly emailDomain = new CodedColumn(asText);
  readonly tags = new CodedColumn(parseTextArray);
  readonly attributes = new CodedColumn((text) => JSON.parse(text) as Record<string, unknown>);
  /** 1 / 0, -1 when missing. */
  acceptsMarketing = new Int8Array(0);
  createdAtUs = new Float64Array(0);
  firstOrderAtUs = new Float64Array(0);
  lastOrderAtUs = new Float64Array(0);
  lifetimeSpend = new Float64Array(0);
  orderCount = new Float64Array(0);
  averageOrderValue = new Float64Array(0);
  readonly lines = new PurchaseLines();
  /** A reusable view of one slot as `CustomerFacts` (set `row.slot`). */
  readonly row: FactsRow = new FactsRow(this);

  /** Writes a customer's facts (a binary tuple of {@link FACTS_COLUMNS}) into its slot; returns the slot. */
  put(t: BinaryTuple): number {
    const id = t.int8(0);
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.size++;
      if (slot === this.capacity) this.grow();
      this.slotOf.set(id, slot);
      this.ids[slot] = id;
    }
    const email = t.text(1);
    this.email[slot] = email;
    this.emailDomain.setText(slot, rawDomain(email));
    for (let k = 0; k < CODED_TEXT.length; k++) this.coded[CODED_TEXT[k]!].setFrom(slot, t, k + 2);
    this.acceptsMarketing[slot] = t.isNull(12) ? -1 : t.bool(12) ? 1 : 0;
    this.tags.setFrom(slot, t, 13);
    this.attributes.setFrom(slot, t, 14);
    this.createdAtUs[slot] = t.timestampUs(15);
    this.lifetimeSpend[slot] = t.isNull(16) ? 0 : t.int8(16);
    this.orderCount[slot] = t.isNull(17) ? 0 : t.int4(17);
    this.averageOrderValue[slot] = t.isNull(18) ? 0 : t.int8(18);
    this.firstOrderAtUs[slot] = t.timestampUs(19);
    this.lastOrderAtUs[slot] = t.timestampUs(20);
    return slot;
  }

  private grow(): void {
    const capacity = Math.ceil(this.capacity * 1.5) + 1024;
    const widen = <A extends Float64Array | Int8Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(capacity);
      b.set(a);
      return b;
    };
    this.ids = widen(this.ids);
    this.acceptsMarketing = widen(this.acceptsMarketing);
    this.createdAtUs = widen(this.createdAtUs);
    this.firstOrderAtUs = widen(this.firstOrderAtUs);
    this.lastOrderAtUs = widen(this.lastOrderAtUs);
    this.lifetimeSpend = widen(this.lifetimeSpend);
    this.orderCount = widen(this.orderCount);
    this.averageOrderValue = widen(this.averageOrderValue);
    for (const column of [...Object.values(this.coded), this.emailDomain, this.tags, this.attributes]) {
      column.grow(capacity);
    }
    this.capacity = capacity;
  }
}

/**
 * One slot of {@link CustomerColumns} seen as `CustomerFacts`, read through getters: the engine's
 * predicate runs on it unchanged. Dates come from reusable objects, valid until the next read
 * (predicates read a value and compare it; they keep nothing). Purchases and segment ids are not
 * here: the index evaluates those leaves itself.
 */
export class FactsRow implements CustomerFacts {
  slot = 0;
  readonly phone = null;
  private readonly dates = [new Date(0), new Date(0), new Date(0)];

  constructor(private readonly c: CustomerColumns) {}

  private date(us: number, which: number): Date | null {
    if (Number.isNaN(us)) return null;
    const d = this.dates[which]!;
    d.setTime(Math.floor(us / 1000));
    return d;
  }

  get id() {
    return String(this.c.ids[this.slot]);
  }
  get email() {
    return this.c.email[this.slot] ?? null;
  }
  get firstName() {
    return this.c.coded.firstName.valueAt(this.slot);
  }
  get lastName() {
    return this.c.coded.lastName.valueAt(this.slot);
  }
  get company() {
    return this.c.coded.company.valueAt(this.slot);
  }
  get gender() {
    return this.c.coded.gender.valueAt(this.slot);
  }
  get birthDate() {
    return this.c.coded.birthDate.valueAt(this.slot);
  }
  get country() {
    return this.c.coded.country.valueAt(this.slot);
  }
  get state() {
    return this.c.coded.state.valueAt(this.slot);
  }
  get city() {
    return this.c.coded.city.valueAt(this.slot);
  }
  get zip() {
    return this.c.coded.zip.valueAt(this.slot);
  }
  get group() {
    return this.c.coded.group.valueAt(this.slot);
  }
  get acceptsMarketing() {
    const v = this.c.acceptsMarketing[this.slot];
    return v === -1 ? null : v === 1;
  }
  get tags() {
    return this.c.tags.valueAt(this.slot) ?? [];
  }
  get attributes() {
    return this.c.attributes.valueAt(this.slot) ?? {};
  }
  get createdAt() {
    return this.date(this.c.createdAtUs[this.slot]!, 0);
  }
  get lifetimeSpend() {
    return this.c.lifetimeSpend[this.slot]!;
  }
  get orderCount() {
    return this.c.orderCount[this.slot]!;
  }
  get averageOrderValue() {
    return this.c.averageOrderValue[this.slot]!;
  }
  get firstOrderAt() {
    return this.date(this.c.firstOrderAtUs[this.slot]!, 1);
  }
  get lastOrderAt() {
    return this.date(this.c.lastOrderAtUs[this.slot]!, 2);
  }
}
