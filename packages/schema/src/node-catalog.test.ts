import { describe, expect, it } from 'vitest';
import { nodeCatalog, nodeTypes } from './node-catalog';

describe('nodeCatalog', () => {
  it('registers every node type of DESIGN §4 under its own type id', () => {
    expect(Object.keys(nodeCatalog)).toEqual([...nodeTypes]);
    for (const [type, definition] of Object.entries(nodeCatalog)) expect(definition.type).toBe(type);
    expect(nodeTypes.filter((t) => t.startsWith('trigger.'))).toHaveLength(9);
  });

  it('gives if true/false, split a/b, switch its case ids plus default', () => {
    expect(nodeCatalog['condition.if'].handles({ condition: { all: [] } })).toEqual(['true', 'false']);
    expect(nodeCatalog['condition.split'].handles({ percentA: 50 })).toEqual(['a', 'b']);
    const cases = [
      { id: 'platinum', label: 'Platinum', condition: { all: [] } },
      { id: 'gold', label: 'Gold', condition: { any: [] } },
    ];
    expect(nodeCatalog['condition.switch'].handles({ cases })).toEqual(['platinum', 'gold', 'default']);
  });

  it('gives every trigger a re-entry policy defaulting to always', () => {
    for (const definition of Object.values(nodeCatalog).filter((d) => d.kind === 'trigger')) {
      const required: Record<string, unknown> = { 'trigger.schedule': { cron: '0 9 * * 1' } };
      const config =
        required[definition.type] ??
        (definition.type.startsWith('trigger.segment_') ? { segmentId: 's' } : {});
      const parsed = definition.configSchema.safeParse(config);
      expect(parsed.success && (parsed.data as { reentry: unknown }).reentry).toBe('always');
    }
    expect(
      nodeCatalog['trigger.order_created'].configSchema.safeParse({ reentry: { days: 7 } }).success,
    ).toBe(true);
  });

  it('validates wait configs: durations or until a time', () => {
    const wait = nodeCatalog['action.wait'].configSchema;
    expect(wait.safeParse({ hours: 1 }).success).toBe(true);
    expect(wait.safeParse({ until: { weekday: 'monday', time: '09:00' } }).success).toBe(true);
    expect(wait.safeParse({ until: { time: '25:00' } }).success).toBe(false);
    expect(wait.safeParse({ hours: 1, minutes: 5 }).success).toBe(false);
  });

  it('validates coupons: percent or amount, not both', () => {
    const coupon = nodeCatalog['action.create_coupon'].configSchema;
    expect(coupon.safeParse({ percentOff: 30, expiresInDays: 30 }).success).toBe(true);
    expect(coupon.safeParse({ amountOff: 2000, expiresInDays: 30, prefix: 'VIP' }).success).toBe(true);
    expect(coupon.safeParse({ percentOff: 30, amountOff: 2000, expiresInDays: 30 }).success).toBe(false);
    expect(coupon.safeParse({ expiresInDays: 30 }).success).toBe(false);
  });

  it('accepts only five-field crons on schedules', () => {
    const schedule = nodeCatalog['trigger.schedule'].configSchema;
    expect(schedule.safeParse({ cron: '0 9 * * 1-5' }).success).toBe(true);
    expect(schedule.safeParse({ cron: '*/15 * * * *' }).success).toBe(true);
    expect(schedule.safeParse({ cron: 'every day' }).success).toBe(false);
  });
});
