import { readdirSync, readFileSync } from 'node:fs';
import { StoreEventSchema } from '@segflow/schema';
import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import type { CustomerFacts, PurchaseFact } from './facts';
import { resume, run } from './run';
import type { RunResult } from './run-types';
import { fakePorts, makeCustomerFacts } from './testing';

// Golden scenarios (issue 3 §9): each fixture is a graph, an event, and per customer the expected trace.

interface Expected {
  status: RunResult['status'];
  steps: [string, string, string?][];
  calls: { port: string; nodeId: string; request: unknown }[];
  wait?: { nodeId: string; dueAt: string };
}
interface Fixture {
  name: string;
  now: string;
  triggerType: string;
  graph: unknown;
  event: unknown;
  cases: {
    name: string;
    customer: Record<string, unknown>;
    expected: Expected;
    resume?: { now: string; customer?: Record<string, unknown>; expected: Expected };
  }[];
}

const dir = new URL('./__fixtures__/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, fixture: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Fixture }));

function facts(json: Record<string, unknown>): CustomerFacts {
  const date = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);
  const purchases = (
    json.purchases as (Omit<PurchaseFact, 'orderedAt'> & { orderedAt: string })[] | undefined
  )?.map((p) => ({ ...p, orderedAt: new Date(p.orderedAt) }));
  return makeCustomerFacts({
    ...json,
    createdAt: date(json.createdAt),
    firstOrderAt: date(json.firstOrderAt),
    lastOrderAt: date(json.lastOrderAt),
    ...(purchases ? { purchases } : {}),
  } as Partial<CustomerFacts>);
}

function trace(result: RunResult, calls: { port: string; nodeId: string; request: unknown }[]) {
  return {
    status: result.status,
    steps: result.steps.map((s) => (s.handle ? [s.nodeId, s.status, s.handle] : [s.nodeId, s.status])),
    calls: calls.map(({ port, nodeId, request }) => ({ port, nodeId, request })),
    ...(result.wait ? { wait: { nodeId: result.wait.nodeId, dueAt: result.wait.dueAt.toISOString() } } : {}),
  };
}

describe('golden scenarios', () => {
  it('covers the six scenarios of issue 3', () => {
    expect(fixtures.map((f) => f.file).sort()).toEqual([
      'cart-wait-discount.json',
      'first-order-over-500.json',
      'iphone-apple.json',
      'texas-tag.json',
      'tiers.json',
      'vip.json',
    ]);
  });

  for (const { file, fixture } of fixtures) {
    describe(`${file}: ${fixture.name}`, () => {
      const compiled = compile(fixture.graph);
      const event = StoreEventSchema.parse(fixture.event);

      it('compiles', () => {
        expect(compiled.ok ? [] : compiled.issues).toEqual([]);
      });

      for (const c of fixture.cases) {
        it(c.name, async () => {
          if (!compiled.ok) throw new Error('graph does not compile');
          const ports = fakePorts({ now: fixture.now });
          const input = {
            storeId: 'demo',
            runId: `run-${c.customer.id}`,
            triggerType: fixture.triggerType as never,
            event,
            customer: facts(c.customer),
          };
          const result = await run(compiled.plan, input, ports);
          expect(trace(result, ports.calls)).toEqual(c.expected);
          if (!c.resume) return;
          const later = fakePorts({ now: c.resume.now });
          const state = JSON.parse(JSON.stringify(result.wait!.resumeState)); // persisted as JSON
          const customer = facts(c.resume.customer ?? c.customer);
          const resumed = await resume(compiled.plan, { state, customer }, later);
          expect(trace(resumed, later.calls)).toEqual(c.resume.expected);
          expect(later.calls.every((call) => call.idempotencyKey.startsWith(`${input.runId}:`))).toBe(true);
        });
      }
    });
  }
});
