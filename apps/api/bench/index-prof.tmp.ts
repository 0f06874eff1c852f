import { createPool } from '../src/db/pool';
import { FactsIndexes } from '../src/segments/facts-index/facts-indexes';
import { previewSegment } from '../src/segments/preview';
import { benchTrees } from './segment-trees';
const pool = createPool({ connectionString: 'postgres://postgres@127.0.0.1:5432/segflow_bench_segments_1000000_o5', max: 4 });
const storeId = 'bench';
const indexes = new FactsIndexes(pool);
const index = (await indexes.whenReady(storeId))!;
if (global.gc) global.gc();
const m = process.memoryUsage();
console.log('load ms', index.loadMs.toFixed(0), 'rss', (m.rss / 1e6).toFixed(0), 'heap', (m.heapUsed / 1e6).toFixed(0), 'ab', (m.arrayBuffers / 1e6).toFixed(0));
const now = new Date();
const only = process.env.TREES ? process.env.TREES.split(',').map(Number) : benchTrees.map((_, i) => i);
for (const i of only) {
  const times = [];
  for (let r = 0; r < 4; r++) {
    const t = performance.now();
    await previewSegment(pool, storeId, { condition: benchTrees[i]!, limit: 50, segmentIds: [], now }, indexes);
    times.push(performance.now() - t);
  }
  console.log(`tree ${i}: ${times.map((x) => x.toFixed(0)).join(' ')}`);
}
await pool.end();
