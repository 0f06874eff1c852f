import { describe, expect, it } from 'vitest';
import { splitBucket, stableHash } from './condition-split';

describe('split buckets', () => {
  it('are stable: the same customer and node always land in the same bucket', () => {
    expect(stableHash('42:split-1')).toBe(stableHash('42:split-1'));
    // Pinned: changing the hash would reshuffle every running A/B test.
    expect(stableHash('')).toBe(0xab3e7c0b);
    expect(stableHash('a')).toBe(0x1a80b1b3);
  });

  it('spread customers evenly enough for percentages to mean something', () => {
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) counts[Math.floor(splitBucket(String(i), 'split-1') / 10)]++;
    for (const count of counts) expect(count).toBeGreaterThan(1_800);
    for (const count of counts) expect(count).toBeLessThan(2_200);
  });

  it('differ per node, so two splits are independent', () => {
    let same = 0;
    for (let i = 0; i < 1_000; i++)
      if (splitBucket(String(i), 'a') < 50 === splitBucket(String(i), 'b') < 50) same++;
    expect(same).toBeGreaterThan(400);
    expect(same).toBeLessThan(600);
  });
});
