import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { makeCustomerFacts } from './customer-facts';
import { dryRun } from './dry-run';

describe('dryRun', () => {
  it('crosses waits on a fake clock and lists the would-be actions after them', async () => {
    const compiled = compile({
      schemaVersion: 1,
      nodes: [
        { id: 't', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
        {
          id: 'w',
          type: 'action.wait',
          position: { x: 0, y: 0 },
          config: { until: { weekday: 'monday', time: '09:00' } },
        },
        {
          id: 'm',
          type: 'action.send_email',
          position: { x: 0, y: 0 },
          config: { subject: 'Hi', body: 'Hello' },
        },
      ],
      edges: [
        { id: '1', source: 't', target: 'w' },
        { id: '2', source: 'w', target: 'm' },
      ],
    });
    if (!compiled.ok) throw new Error('invalid');
    const input = {
      storeId: 's',
      runId: 'r',
      triggerType: 'trigger.manual' as const,
      event: null,
      customer: makeCustomerFacts(),
      timeZone: 'Europe/Paris',
    };
    const result = await dryRun(compiled.plan, input, new Date('2026-04-01T12:00:00Z'));
    expect(result.status).toBe('completed');
    expect(result.steps.map((s) => `${s.nodeId}:${s.status}`)).toEqual(['t:ok', 'w:waiting', 'w:ok', 'm:ok']);
    expect(result.waits).toEqual([{ nodeId: 'w', dueAt: new Date('2026-04-06T07:00:00Z') }]);
    expect(result.wouldDo.map((c) => c.port)).toEqual(['sendEmail']);
    expect(result.steps.at(-1)!.startedAt.toISOString()).toBe('2026-04-06T07:00:00.000Z');
  });
});
