import type { NodeConfig } from '@segflow/schema';
import type { NodeHandler } from './handler';

/**
 * FNV-1a (32 bit) finished with murmur3's avalanche, so ids that differ in one character still land
 * far apart. Stable across runs, processes and versions: never change it, it would reshuffle every A/B.
 */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The customer's bucket (0–99) for a split node: the same customer and node always give the same bucket. */
export function splitBucket(customerId: string, nodeId: string): number {
  return stableHash(`${customerId}:${nodeId}`) % 100;
}

/** `condition.split`: `a` for buckets below `percentA`, else `b`; sticky per customer. */
export const conditionSplit: NodeHandler<NodeConfig<'condition.split'>> = {
  kind: 'condition',
  compile: (config) => (exec) => {
    const bucket = splitBucket(exec.customer.id, exec.nodeId);
    return { status: 'ok', handle: bucket < config.percentA ? 'a' : 'b', output: { bucket } };
  },
};
