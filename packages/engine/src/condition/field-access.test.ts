import { describe, expect, it } from 'vitest';
import { makeCustomerFacts } from '../testing';
import { customerFields } from './field-access';

const age = (birthDate: string, now: string) =>
  customerFields['customer.age']!.js(makeCustomerFacts({ birthDate }), { now: new Date(now), event: null });

describe('customer.age', () => {
  it('counts full years up to now (UTC), for any day of the calendar', () => {
    const wrong: string[] = [];
    for (let ms = Date.UTC(1899, 0, 1); ms < Date.UTC(2101, 0, 1); ms += 86_400_000 * 3.7) {
      const now = new Date(ms);
      const [y, m, d] = [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()];
      const expected = (birth: string) => {
        const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
        return y - by - (m * 100 + d < bm * 100 + bd ? 1 : 0);
      };
      for (const birth of ['1990-02-28', '2000-02-29', '1985-12-31', '2050-01-01']) {
        if (age(birth, now.toISOString()) !== expected(birth)) wrong.push(`${birth} at ${now.toISOString()}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('is one less the day before the birthday', () => {
    expect(age('1990-06-16', '2026-06-15T23:59:59Z')).toBe(35);
    expect(age('1990-06-16', '2026-06-16T00:00:00Z')).toBe(36);
    expect(age('2000-02-29', '2025-02-28T12:00:00Z')).toBe(24);
    expect(age('2000-02-29', '2025-03-01T00:00:00Z')).toBe(25);
  });
});
