import type { CustomerFacts } from '@segflow/engine';
import pg from 'pg';
import { PurchaseLines } from './purchase-lines';

/** Text columns of a customer, in the order {@link FACTS_COLUMNS} selects them after the id. */
const TEXT = [
  'email',
  'firstName',
  'lastName',
  'company',
  'phone',
  'gender',
  'birthDate',
  'country',
  'state',
  'city',
  'zip',
] as const;
type TextColumn = (typeof TEXT)[number];

/** Columns too distinct to be worth interning. */
const UNIQUE_TEXT = new Set<TextColumn>(['email', 'phone']);

/**
 * The SELECT list of one customer's facts row, in array order, over `customers c` LEFT JOIN
 * `customer_stats s`. Instants are epoch microseconds (exact in a float8), so a sort or a cursor
 * keeps Postgres' precision; the predicate's Dates get whole milliseconds, as the pg driver's do.
 */
export const FACTS_COLUMNS = `c.id::float8, c.email, c.first_name, c.last_name, c.company, c.phone, c.gender,
  c.birth_date::text, c.country, c.state, c.city, c.zip, c.accepts_marketing, c.group_name, c.tags::text,
  c.attributes::text, (extract(epoch from c.created_at) * 1000000)::float8,
  s.lifetime_spend::float8, s.order_count, s.average_order_value::float8,
  (extract(epoch from s.first_order_at) * 1000000)::float8, (extract(epoch from s.last_order_at) * 1000000)::float8`;

/** A row selected with {@link FACTS_COLUMNS} in array mode (tags and attributes as their raw text). */
export type FactsTuple = unknown[];

const GROW = 1.5;

/**
 * A store's customers held column by column: one slot per customer, typed arrays for numbers and
 * instants, interned strings, tag lists and attribute objects shared between customers that have
 * the same ones, and every order line in {@link PurchaseLines}. {@link row} reads a slot as the
 * engine's `CustomerFacts` without copying, so conditions are evaluated by the engine's own
 * compiled predicate. Customers are never removed (the app deletes none; a deleted store drops
 * its whole index).
 */
export class CustomerColumns {
  size = 0;
  ids: Float64Array;
  readonly slotOf = new Map<number, number>();
  readonly text: Record<TextColumn, (string | null)[]>;
  acceptsMarketing: Int8Array;
  readonly group: (string | null)[] = [];
  readonly tags: string[][] = [];
  readonly attributes: Record<string, unknown>[] = [];
  /** Epoch µs; NaN when missing. */
  createdAtUs: Float64Array;
  firstOrderAtUs: Float64Array;
  lastOrderAtUs: Float64Array;
  lifetimeSpend: Float64Array;
  orderCount: Float64Array;
  averageOrderValue: Float64Array;
  readonly lines = new PurchaseLines();
  /** A reusable view of one slot as `CustomerFacts` (set `row.slot`). */
  readonly row: FactsRow;
  private readonly interned = new Map<string, string>();
  private readonly tagLists = new Map<string, string[]>();
  private readonly attributeObjects = new Map<string, Record<string, unknown>>();

  constructor(capacity = 1024) {
    this.ids = new Float64Array(capacity);
    this.acceptsMarketing = new Int8Array(capacity);
    this.createdAtUs = new Float64Array(capacity);
    this.firstOrderAtUs = new Float64Array(capacity);
    this.lastOrderAtUs = new Float64Array(capacity);
    this.lifetimeSpend = new Float64Array(capacity);
    this.orderCount = new Float64Array(capacity);
    this.averageOrderValue = new Float64Array(capacity);
    this.text = Object.fromEntries(TEXT.map((c) => [c, []])) as unknown as Record<
      TextColumn,
      (string | null)[]
    >;
    this.row = new FactsRow(this);
  }

  /** Writes a customer's facts into its slot (a new slot for a new customer); returns the slot. */
  put(t: FactsTuple): number {
    const id = t[0] as number;
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.size++;
      if (slot === this.ids.length) this.grow();
      this.slotOf.set(id, slot);
      this.ids[slot] = id;
    }
    for (let k = 0; k < TEXT.length; k++) {
      const column = TEXT[k]!;
      const value = t[k + 1] as string | null;
      this.text[column][slot] = UNIQUE_TEXT.has(column) ? value : this.intern(value);
    }
    this.acceptsMarketing[slot] = t[12] === null ? -1 : t[12] ? 1 : 0;
    this.group[slot] = this.intern(t[13] as string | null);
    this.tags[slot] = this.tagList(t[14] as string);
    this.attributes[slot] = this.attributeObject(t[15] as string);
    this.createdAtUs[slot] = orNaN(t[16]);
    this.lifetimeSpend[slot] = (t[17] as number | null) ?? 0;
    this.orderCount[slot] = (t[18] as number | null) ?? 0;
    this.averageOrderValue[slot] = (t[19] as number | null) ?? 0;
    this.firstOrderAtUs[slot] = orNaN(t[20]);
    this.lastOrderAtUs[slot] = orNaN(t[21]);
    return slot;
  }

  private intern(value: string | null): string | null {
    if (value === null) return null;
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    this.interned.set(value, value);
    return value;
  }

  /** `text[]` as Postgres prints it, parsed once per distinct list (shared, never mutated). */
  private tagList(raw: string): string[] {
    let list = this.tagLists.get(raw);
    if (!list) {
      list = parseTextArray(raw) as string[];
      this.tagLists.set(raw, list);
    }
    return list;
  }

  private attributeObject(raw: string): Record<string, unknown> {
    let object = this.attributeObjects.get(raw);
    if (!object) {
      object = JSON.parse(raw) as Record<string, unknown>;
      this.attributeObjects.set(raw, object);
    }
    return object;
  }

  private grow(): void {
    const capacity = Math.ceil(this.ids.length * GROW) + 16;
    const widen = <T extends Float64Array | Int8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
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
  }
}

const orNaN = (v: unknown) => (v === null ? Number.NaN : (v as number));

/** The pg driver's own `text[]` parser (NULL elements cannot occur: tags are written by us). */
const TEXT_ARRAY = 1009 as Parameters<typeof pg.types.getTypeParser>[0];
const parseTextArray = pg.types.getTypeParser(TEXT_ARRAY, 'text');

/**
 * One slot of {@link CustomerColumns} seen as `CustomerFacts`, read through getters: the engine's
 * predicate runs on it unchanged. Dates come from two reusable objects, valid until the next read
 * (predicates read a value and compare it; they keep nothing). Purchases and segment ids are not
 * here: the index evaluates those leaves itself.
 */
export class FactsRow implements CustomerFacts {
  slot = 0;
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
    return this.c.text.email[this.slot] ?? null;
  }
  get firstName() {
    return this.c.text.firstName[this.slot] ?? null;
  }
  get lastName() {
    return this.c.text.lastName[this.slot] ?? null;
  }
  get company() {
    return this.c.text.company[this.slot] ?? null;
  }
  get phone() {
    return this.c.text.phone[this.slot] ?? null;
  }
  get gender() {
    return this.c.text.gender[this.slot] ?? null;
  }
  get birthDate() {
    return this.c.text.birthDate[this.slot] ?? null;
  }
  get country() {
    return this.c.text.country[this.slot] ?? null;
  }
  get state() {
    return this.c.text.state[this.slot] ?? null;
  }
  get city() {
    return this.c.text.city[this.slot] ?? null;
  }
  get zip() {
    return this.c.text.zip[this.slot] ?? null;
  }
  get acceptsMarketing() {
    const v = this.c.acceptsMarketing[this.slot];
    return v === -1 ? null : v === 1;
  }
  get group() {
    return this.c.group[this.slot] ?? null;
  }
  get tags() {
    return this.c.tags[this.slot]!;
  }
  get attributes() {
    return this.c.attributes[this.slot]!;
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
