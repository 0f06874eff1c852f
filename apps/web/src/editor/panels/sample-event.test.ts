import { describe, expect, it } from 'vitest';
import { parseSampleEvent, sampleOrderEvent, withCustomer } from './sample-event';

describe('sample event', () => {
  it('is a parseable order.created event with money in cents', () => {
    const parsed = parseSampleEvent(sampleOrderEvent());
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && (parsed.event as { type: string; order: { total: number } }).order.total).toBe(
      129900,
    );
  });

  it('reports broken JSON instead of throwing', () => {
    expect(parseSampleEvent('{ nope')).toMatchObject({ ok: false });
  });

  it('adds the chosen customer only when the event has none', () => {
    expect(withCustomer({ type: 'order.created' }, 'c-42')).toEqual({
      type: 'order.created',
      customer: { externalId: 'c-42' },
    });
    const own = { type: 'order.created', customer: { externalId: 'x' } };
    expect(withCustomer(own, 'c-42')).toBe(own);
  });
});
