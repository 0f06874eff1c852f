import { describe, expect, it } from 'vitest';
import { CARD_WIDTH, estimatedGeometry } from './node-geometry';

describe('estimated node geometry', () => {
  it('gives a trigger one output at the bottom centre and no input', () => {
    const g = estimatedGeometry('trigger.order_created', {});
    expect(g.initialWidth).toBe(CARD_WIDTH);
    expect(g.handles.map((h) => [h.type, h.id ?? null])).toEqual([['source', null]]);
    expect(g.handles[0]!.x + g.handles[0]!.width! / 2).toBe(CARD_WIDTH / 2);
  });

  it('declares its estimated size as measured, so a card rendered at that size is not reported again', () => {
    const g = estimatedGeometry('action.add_tags', { tags: ['vip'] });
    expect(g.measured).toEqual({ width: g.initialWidth, height: g.initialHeight });
  });

  it('gives an if/else an input and its true and false outputs, left to right as on the card', () => {
    const g = estimatedGeometry('condition.if', {});
    expect(g.handles.map((h) => [h.type, h.id ?? null])).toEqual([
      ['target', null],
      ['source', 'true'],
      ['source', 'false'],
    ]);
    expect(g.handles[1]!.x).toBeLessThan(g.handles[2]!.x);
    // A quarter in from each side of the padding box (inside the 1 px border), as Chromium measures.
    expect([g.handles[1]!.x, g.handles[2]!.x]).toEqual([55, 174]);
    expect(g.handles[1]!.y).toBeGreaterThan(g.initialHeight - 11);
  });

  it('follows a switch’s cases', () => {
    const g = estimatedGeometry('condition.switch', { cases: [{ id: 'c1' }, { id: 'c2' }] });
    expect(g.handles.filter((h) => h.type === 'source').map((h) => h.id)).toEqual(['c1', 'c2', 'default']);
  });
});
