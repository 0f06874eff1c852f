// The events `pnpm bench pipeline` sends: its load process and its raw insert loop share them.

/** The 50 states the bench's customers live in (one workflow each). */
export const states = Array.from({ length: 50 }, (_, i) => `S${i}`);
let counter = 0;

/** An `order.created` for one of 5,000 customers spread over 50 states (one workflow each). */
export function benchEvent(prefix: string) {
  counter += 1;
  const at = new Date().toISOString();
  return {
    id: `${prefix}-${counter}`,
    type: 'order.created',
    occurredAt: at,
    customer: {
      externalId: `bc-${counter % 5000}`,
      email: `bc${counter % 5000}@example.com`,
      address: { country: 'US', state: states[counter % 50] },
    },
    order: {
      externalId: `${prefix}-o${counter}`,
      total: 12900,
      currency: 'USD',
      status: 'paid',
      createdAt: at,
      items: [{ sku: 'IPH-15', category: 'Phones', brand: 'Apple', quantity: 1, unitPrice: 12900 }],
    },
  };
}
