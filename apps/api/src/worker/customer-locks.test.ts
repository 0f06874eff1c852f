import { describe, expect, it } from 'vitest';
import { createCustomerLocks } from './customer-locks';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('customer locks', () => {
  it('runs work on a shared customer one after the other, in the order it arrived', async () => {
    const locks = createCustomerLocks();
    const log: string[] = [];
    const job = (name: string, keys: string[]) =>
      locks.run(keys, async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
      });
    await Promise.all([job('a', ['x', 'y']), job('b', ['y', 'z']), job('c', ['q'])]);
    expect(log.indexOf('b start')).toBeGreaterThan(log.indexOf('a end'));
    // c shares nothing: it starts before a ends.
    expect(log.indexOf('c start')).toBeLessThan(log.indexOf('a end'));
    expect(locks.size).toBe(0);
  });

  it('frees the keys when the work fails', async () => {
    const locks = createCustomerLocks();
    await expect(locks.run(['x'], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(locks.run(['x'], async () => 'ok')).resolves.toBe('ok');
    expect(locks.size).toBe(0);
  });

  it('never deadlocks on keys taken in opposite orders', async () => {
    const locks = createCustomerLocks();
    const runs = Array.from({ length: 20 }, (_, i) =>
      locks.run(i % 2 ? ['a', 'b'] : ['b', 'a'], async () => {
        await tick();
        return i;
      }),
    );
    expect(await Promise.all(runs)).toHaveLength(20);
  });
});
