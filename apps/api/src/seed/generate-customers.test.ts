import { en, Faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { generateCustomer, generateOrders, NATURAL_ORDERS_PER_CUSTOMER } from './generate-customers';

function averageOrders(scale: number, customers = 4000): number {
  const faker = new Faker({ locale: [en], seed: 7 });
  const anchor = new Date('2026-06-01T00:00:00Z');
  let orders = 0;
  for (let i = 0; i < customers; i++)
    orders += generateOrders(faker, generateCustomer(faker, i, anchor), anchor, scale).length;
  return orders / customers;
}

describe('generateOrders', () => {
  it('averages about 2.5 orders per customer by default', () => {
    expect(averageOrders(1)).toBeCloseTo(NATURAL_ORDERS_PER_CUSTOMER, 0);
  });

  it('scales to the requested average (the segments benchmark asks for 5)', () => {
    const average = averageOrders(5 / NATURAL_ORDERS_PER_CUSTOMER);
    expect(average).toBeGreaterThan(4.7);
    expect(average).toBeLessThan(5.3);
  });
});
