import type { CustomerFacts } from '../facts';

/** Customer facts with neutral defaults (no orders, no tags), overridden by `facts`. For tests and dry runs. */
export function makeCustomerFacts(facts: Partial<CustomerFacts> = {}): CustomerFacts {
  return {
    id: '1',
    email: null,
    firstName: null,
    lastName: null,
    company: null,
    phone: null,
    gender: null,
    birthDate: null,
    country: null,
    state: null,
    city: null,
    zip: null,
    acceptsMarketing: null,
    group: null,
    tags: [],
    attributes: {},
    createdAt: null,
    lifetimeSpend: 0,
    orderCount: 0,
    averageOrderValue: 0,
    firstOrderAt: null,
    lastOrderAt: null,
    ...facts,
  };
}
