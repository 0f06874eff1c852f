import { describe, expect, it } from 'vitest';
import { acceptsInput, outputHandlesFor } from './connection-rules';

describe('handles', () => {
  it('gives if true/false, split a/b and switch one per case plus default', () => {
    expect(outputHandlesFor('condition.if', {}).map((h) => h.id)).toEqual(['true', 'false']);
    expect(outputHandlesFor('condition.split', { percentA: 50 }).map((h) => h.id)).toEqual(['a', 'b']);
    const cases = [
      { id: 'platinum', label: 'Platinum', condition: { all: [] } },
      { id: 'gold', label: 'Gold', condition: { all: [] } },
    ];
    expect(outputHandlesFor('condition.switch', { cases }).map((h) => h.id)).toEqual([
      'platinum',
      'gold',
      'default',
    ]);
    expect(outputHandlesFor('action.assign_group', { group: 'VIP' })).toEqual([{ id: null }]);
  });

  it('lets nothing lead into a trigger', () => {
    expect(acceptsInput('trigger.order_created')).toBe(false);
    expect(acceptsInput('action.wait')).toBe(true);
  });
});
