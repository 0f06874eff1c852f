/** A sample `order.created` event for a test run (DESIGN §5 shape), editable before running. */
export function sampleOrderEvent(): string {
  const now = new Date().toISOString();
  return JSON.stringify(
    {
      id: `test-${Date.now()}`,
      type: 'order.created',
      occurredAt: now,
      order: {
        externalId: 'test-order-1',
        total: 129900,
        currency: 'USD',
        status: 'paid',
        channel: 'web',
        couponCode: null,
        createdAt: now,
        items: [
          {
            sku: 'IPH-15',
            productId: 'p-1',
            name: 'iPhone 15',
            category: 'Phones',
            brand: 'Apple',
            quantity: 1,
            unitPrice: 129900,
          },
        ],
      },
    },
    null,
    2,
  );
}

/** Parses the sample event text; a readable error when it is not JSON. */
export function parseSampleEvent(text: string): { ok: true; event: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, event: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `The sample event is not valid JSON: ${(error as Error).message}` };
  }
}

/** Fills the event's `customer` with the chosen customer's external id when the JSON leaves it out. */
export function withCustomer(event: unknown, customerRef: string): unknown {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return event;
  const record = event as Record<string, unknown>;
  return record.customer ? record : { ...record, customer: { externalId: customerRef } };
}
