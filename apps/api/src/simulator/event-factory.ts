import { Faker, en } from '@faker-js/faker';
import { seedProducts } from '../seed/product-catalog';

/** Makes realistic canonical events: orders (mostly from known customers), sign-ups, abandoned carts. */
export function createEventFactory(options: { seed?: number; knownCustomers: number; runId: string }) {
  const faker = new Faker({ locale: [en], seed: options.seed ?? 7 });
  let n = 0;
  const states = ['TX', 'CA', 'NY', 'FL', 'WA', 'IL'];

  const customer = (externalId: string) => ({
    externalId,
    email: `${externalId}@example.com`,
    firstName: faker.person.firstName(),
    lastName: faker.person.lastName(),
    address: {
      country: 'US',
      state: faker.helpers.arrayElement(states),
      city: faker.location.city(),
      zip: faker.location.zipCode(),
    },
    acceptsMarketing: faker.datatype.boolean(),
  });
  const items = () =>
    faker.helpers.arrayElements(seedProducts, { min: 1, max: 3 }).map((p) => ({
      sku: p.sku,
      productId: p.externalId,
      name: p.name,
      category: p.category,
      brand: p.brand,
      quantity: 1,
      unitPrice: p.price,
    }));

  return function next(): Record<string, unknown> {
    n += 1;
    const id = `sim-${options.runId}-${n}`;
    const now = new Date().toISOString();
    const known = options.knownCustomers > 0 && faker.number.float() < 0.8;
    const externalId = known
      ? `c-${faker.number.int({ min: 1, max: options.knownCustomers })}`
      : `sim-${options.runId}-c${n}`;
    const kind = faker.helpers.weightedArrayElement([
      { value: 'order', weight: 70 },
      { value: 'signup', weight: 15 },
      { value: 'cart', weight: 15 },
    ]);
    if (kind === 'signup') {
      return {
        id,
        type: 'customer.created',
        occurredAt: now,
        customer: { ...customer(`sim-${options.runId}-c${n}`), createdAt: now },
      };
    }
    const lines = items();
    const total = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    if (kind === 'cart') {
      return {
        id,
        type: 'cart.abandoned',
        occurredAt: now,
        customer: customer(externalId),
        cart: {
          externalId: `${id}-cart`,
          total,
          items: lines,
          recoveryUrl: `https://shop.example.com/cart/${id}`,
        },
      };
    }
    return {
      id,
      type: 'order.created',
      occurredAt: now,
      customer: customer(externalId),
      order: {
        externalId: `${id}-o`,
        total,
        currency: 'USD',
        status: 'paid',
        channel: faker.helpers.arrayElement(['web', 'mobile_app', 'pos']),
        createdAt: now,
        items: lines,
      },
    };
  };
}
