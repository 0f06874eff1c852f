import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compile } from '../src/compile';
import { compileCondition } from '../src/condition/to-predicate';
import { fiftyNodeGraph } from './graphs';
import { jreEngine, jreFacts } from './to-jre';
import { leafCount, makeCustomers, makeTree, NOW, rng } from './trees';

// `pnpm --filter @segflow/engine bench`: condition evaluation (ours vs json-rules-engine, same trees,
// same data, same run), compile time of a 50-node graph, heap growth per million evaluations.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const results: { metric: string; value: number; unit: string; [k: string]: unknown }[] = [];
const report = (metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) => {
  const line = { metric, value: Number(value.toPrecision(4)), unit, ...extra };
  results.push(line);
  console.log(JSON.stringify(line));
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// Process CPU time, not wall-clock: the bench machine is shared, and time spent descheduled is not ours.
const cpuNs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
};

const r = rng(20261120);
const customers = makeCustomers(r, 1_000);
const trees = Array.from({ length: 40 }, (_, i) => makeTree(r, 5 + Math.floor((i * 25) / 39)));
const ctx = { now: NOW, event: null };

function ourNsPerEval(tree: (typeof trees)[number]): number {
  const predicate = compileCondition(tree);
  let matched = 0;
  for (let i = 0; i < 50_000; i++) if (predicate(customers[i % customers.length]!, ctx)) matched++; // warm-up
  const rounds = 200;
  const start = cpuNs();
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < customers.length; i++) if (predicate(customers[i]!, ctx)) matched++;
  }
  const ns = (cpuNs() - start) / (rounds * customers.length);
  return matched < 0 ? -1 : ns; // `matched` keeps the loop from being optimised away
}

async function jreNsPerEval(tree: (typeof trees)[number]): Promise<{ ns: number; mismatches: number }> {
  const engine = jreEngine(tree, NOW);
  const predicate = compileCondition(tree);
  const facts = customers.slice(0, 400).map((c) => jreFacts(c, NOW));
  let mismatches = 0;
  for (let i = 0; i < facts.length; i++) {
    const { events } = await engine.run(facts[i]!);
    if (events.length > 0 !== predicate(customers[i]!, ctx)) mismatches++;
  }
  const start = cpuNs();
  for (let i = 0; i < facts.length; i++) await engine.run(facts[i]!);
  return { ns: (cpuNs() - start) / facts.length, mismatches };
}

const ours = trees.map(ourNsPerEval);
const theirs: number[] = [];
let mismatches = 0;
for (const tree of trees) {
  const jre = await jreNsPerEval(tree);
  theirs.push(jre.ns);
  mismatches += jre.mismatches;
}
const leaves = trees.map(leafCount);
const meta = {
  trees: trees.length,
  leaves: `${Math.min(...leaves)}-${Math.max(...leaves)}`,
  customers: customers.length,
};
report('engine.eval_ns', median(ours), 'ns', { ...meta, clock: 'process cpu' });
report('engine.jre_eval_ns', median(theirs), 'ns', { ...meta, disagreements: mismatches });
report('engine.speedup_vs_jre', median(theirs.map((t, i) => t / ours[i]!)), 'x');

const graph = fiftyNodeGraph(rng(7));
for (let i = 0; i < 200; i++) compile(graph); // warm-up
// Wall clock per single compile, median of 500: a compile is short enough that the median sample was
// not preempted, and CPU time would also count the GC and JIT helper threads.
const compileTimes = Array.from({ length: 500 }, () => {
  const start = process.hrtime.bigint();
  const result = compile(graph);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return Number(process.hrtime.bigint() - start) / 1e6;
});
report('engine.compile_50_nodes_ms', median(compileTimes), 'ms', {
  nodes: graph.nodes.length,
  clock: 'wall, median',
});

const typical = compileCondition(trees[20]!);
let hits = 0;
for (let i = 0; i < 200_000; i++) if (typical(customers[i % customers.length]!, ctx)) hits++; // JIT warm-up
gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < 1_000_000; i++) if (typical(customers[i % customers.length]!, ctx)) hits++;
const growth = process.memoryUsage().heapUsed - before;
report('engine.heap_growth_per_million_evals', Math.max(0, growth), 'bytes', {
  leaves: leafCount(trees[20]!),
  hits,
});

const out = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(`${out}engine.json`, `${results.map((l) => JSON.stringify(l)).join('\n')}\n`);
