import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { run } from '../run';
import { makeCustomerFacts } from './customer-facts';
import { dryRunPorts } from './dry-run-ports';
import { fakeClock } from './fake-ports';

describe('dryRunPorts', () => {
  it('returns the path and the would-be actions, marking each output as a dry run', async () => {
    const compiled = compile({
      schemaVersion: 1,
      nodes: [
        { id: 't', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
        {
          id: 'c',
          type: 'condition.if',
          position: { x: 0, y: 0 },
          config: { condition: { field: 'customer.orderCount', op: 'gte', value: 1 } },
        },
        { id: 'g', type: 'action.assign_group', position: { x: 0, y: 0 }, config: { group: 'Buyers' } },
        {
          id: 'h',
          type: 'action.http_request',
          position: { x: 0, y: 0 },
          config: { url: 'https://hooks.example.com/x' },
        },
      ],
      edges: [
        { id: '1', source: 't', target: 'c' },
        { id: '2', source: 'c', sourceHandle: 'true', target: 'g' },
        { id: '3', source: 'g', target: 'h' },
      ],
    });
    if (!compiled.ok) throw new Error('invalid');
    const ports = dryRunPorts(fakeClock('2026-04-01T00:00:00Z'));
    const input = {
      storeId: 's',
      runId: 'dry',
      triggerType: 'trigger.manual' as const,
      event: null,
      customer: makeCustomerFacts({ orderCount: 2 }),
    };
    const result = await run(compiled.plan, input, ports);
    expect(result.steps.map((s) => s.nodeId)).toEqual(['t', 'c', 'g', 'h']);
    expect(result.steps[2]!.output).toEqual({
      dryRun: true,
      port: 'assignGroup',
      wouldDo: { group: 'Buyers' },
    });
    expect(ports.wouldDo().map((c) => c.port)).toEqual(['assignGroup', 'httpRequest']);
    expect(result.steps[0]!.startedAt.toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });
});
