import type { Faker } from '@faker-js/faker';
import { type SeedProduct, seedProducts } from './product-catalog';

/** A generated customer row (the COPY columns of `customers`). */
export interface SeedCustomer {
  externalId: string;
  email: string;
  firstName: string;
  lastName: string;
  company: string | null;
  phone: string | null;
  gender: string;
  birthDate: string;
  country: string;
  state: string | null;
  city: string;
  zip: string;
  acceptsMarketing: boolean;
  groupName: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  createdAt: Date;
}

/** A generated order with its items (cents; the total is the items' sum). */
export interface SeedOrder {
  externalId: string;
  customerExternalId: string;
  total: number;
  status: string;
  channel: string;
  couponCode: string | null;
  createdAt: Date;
  items: { product: SeedProduct; quantity: number }[];
}

/** A generated abandoned cart. */
export interface SeedCart {
  externalId: string;
  customerExternalId: string;
  total: number;
  items: { sku: string; name: string; quantity: number; unitPrice: number }[];
  abandonedAt: Date;
}

const DAY = 86_400_000;
const usStates = ['TX', 'CA', 'NY', 'FL', 'IL', 'PA', 'OH', 'GA', 'WA', 'MA', 'CO', 'AZ', 'NC', 'MI', 'OR'];
const usWeights = [18, 16, 10, 9, 6, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4];
const foreign: [country: string, state: string | null][] = [
  ['CA', 'ON'],
  ['CA', 'BC'],
  ['GB', null],
  ['DE', 'BY'],
  ['FR', null],
  ['AU', 'NSW'],
  ['MX', 'JAL'],
];
const incomes = ['<25k', '25-50k', '50-75k', '75-100k', '100-150k', '>150k'];
const interests = ['fitness', 'music', 'gaming', 'photography', 'travel', 'fashion', 'home'];

function pickWeighted<T>(faker: Faker, values: T[], weights: number[]): T {
  return faker.helpers.weightedArrayElement(values.map((value, i) => ({ value, weight: weights[i] ?? 1 })));
}

/** One deterministic customer (the faker instance carries the seed). */
export function generateCustomer(faker: Faker, index: number, anchor: Date): SeedCustomer {
  const sex = faker.helpers.weightedArrayElement([
    { value: 'female', weight: 48 },
    { value: 'male', weight: 48 },
    { value: 'non_binary', weight: 4 },
  ]);
  const firstName = faker.person.firstName(sex === 'non_binary' ? undefined : sex);
  const lastName = faker.person.lastName();
  const isUs = faker.number.float() < 0.85;
  const [country, state] = isUs
    ? ['US', pickWeighted(faker, usStates, usWeights)]
    : faker.helpers.arrayElement(foreign);
  const company = faker.number.float() < 0.22 ? faker.company.name() : null;
  return {
    externalId: `c-${index + 1}`,
    email: `${firstName}.${lastName}.${index + 1}@${faker.internet.domainName()}`
      .toLowerCase()
      .replace(/[^a-z0-9.@-]/g, ''),
    firstName,
    lastName,
    company,
    phone: faker.number.float() < 0.6 ? faker.phone.number({ style: 'international' }) : null,
    gender: sex,
    birthDate: faker.date
      .birthdate({ mode: 'age', min: 18, max: 80, refDate: anchor })
      .toISOString()
      .slice(0, 10),
    country,
    state,
    city: faker.location.city(),
    zip: faker.location.zipCode(),
    acceptsMarketing: faker.number.float() < 0.6,
    groupName: company && faker.number.float() < 0.5 ? 'Wholesale' : null,
    tags: faker.helpers.arrayElements(['newsletter', 'early-adopter', 'gift-buyer', 'returns'], {
      min: 0,
      max: 2,
    }),
    attributes: {
      income: faker.helpers.arrayElement(incomes),
      interest: faker.helpers.arrayElement(interests),
      ...(faker.number.float() < 0.3 ? { nps: faker.number.int({ min: 0, max: 10 }) } : {}),
    },
    createdAt: new Date(anchor.getTime() - faker.number.int({ min: 1, max: 900 }) * DAY),
  };
}

/** Orders per customer on average with `generateOrders`' own distribution (scale 1). */
export const NATURAL_ORDERS_PER_CUSTOMER = 2.54;

/**
 * The customer's orders over the last two years (none for about a fifth of customers). `scale`
 * multiplies every customer's count (rounded at random, so the average is exact): 2 gives about
 * 5 orders per customer, as the segments benchmark's store has.
 */
export function generateOrders(faker: Faker, customer: SeedCustomer, anchor: Date, scale = 1): SeedOrder[] {
  const isBigSpender = faker.number.float() < 0.08;
  const natural = isBigSpender
    ? faker.number.int({ min: 4, max: 14 })
    : faker.helpers.weightedArrayElement([
        { value: 0, weight: 20 },
        { value: 1, weight: 30 },
        { value: 2, weight: 22 },
        { value: 3, weight: 14 },
        { value: 5, weight: 10 },
        { value: 8, weight: 4 },
      ]);
  const count = scale === 1 ? natural : Math.floor(natural * scale + faker.number.float());
  const since = Math.max(customer.createdAt.getTime(), anchor.getTime() - 730 * DAY);
  const orders: SeedOrder[] = [];
  for (let n = 0; n < count; n++) {
    const items = faker.helpers
      .arrayElements(seedProducts, { min: 1, max: isBigSpender ? 4 : 3 })
      .map((product) => ({
        product,
        quantity: faker.helpers.weightedArrayElement([
          { value: 1, weight: 8 },
          { value: 2, weight: 2 },
        ]),
      }));
    orders.push({
      externalId: `${customer.externalId}-o${n + 1}`,
      customerExternalId: customer.externalId,
      total: items.reduce((sum, item) => sum + item.product.price * item.quantity, 0),
      status: faker.helpers.weightedArrayElement([
        { value: 'fulfilled', weight: 85 },
        { value: 'paid', weight: 10 },
        { value: 'refunded', weight: 5 },
      ]),
      channel: faker.helpers.weightedArrayElement([
        { value: 'web', weight: 55 },
        { value: 'mobile_app', weight: 30 },
        { value: 'pos', weight: 15 },
      ]),
      couponCode: faker.number.float() < 0.1 ? 'WELCOME10' : null,
      createdAt: new Date(faker.number.int({ min: since, max: anchor.getTime() - 60_000 })),
      items,
    });
  }
  return orders;
}

/** An abandoned cart for about one customer in forty. */
export function generateCart(faker: Faker, customer: SeedCustomer, anchor: Date): SeedCart | null {
  if (faker.number.float() >= 0.025) return null;
  const items = faker.helpers.arrayElements(seedProducts, { min: 1, max: 3 }).map((p) => ({
    sku: p.sku,
    name: p.name,
    quantity: 1,
    unitPrice: p.price,
  }));
  return {
    externalId: `${customer.externalId}-cart`,
    customerExternalId: customer.externalId,
    total: items.reduce((sum, item) => sum + item.unitPrice, 0),
    items,
    abandonedAt: new Date(anchor.getTime() - faker.number.int({ min: 1, max: 72 }) * 3_600_000),
  };
}
