import { compile, type Plan, type StepRecord } from '@segflow/engine';
import { describe, expect, it } from 'vitest';
import { applyProfileChanges, profileChangesOf } from './profile-changes';

function planOf(actions: { id: string; type: string; config: object }[]): Plan {
  const nodes = [
    { id: 't1', type: 'trigger.order_created', position: { x: 0, y: 0 }, config: {} },
    ...actions.map((a) => ({ ...a, position: { x: 0, y: 0 } })),
  ];
  const ids = nodes.map((n) => n.id);
  const edges = ids.slice(1).map((id, i) => ({ id: `e${i}`, source: ids[i]!, target: id }));
  const compiled = compile({ schemaVersion: 1, nodes, edges } as never);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  return compiled.plan;
}

const step = (nodeId: string, type: string, status: StepRecord['status'] = 'ok'): StepRecord =>
  ({ nodeId, type, status, startedAt: new Date(0), finishedAt: new Date(0) }) as StepRecord;

describe('profile changes of a run', () => {
  const plan = planOf([
    { id: 'g', type: 'action.assign_group', config: { group: 'VIP member' } },
    { id: 'add', type: 'action.add_tags', config: { tags: ['vip', 'apple'] } },
    { id: 'rm', type: 'action.remove_tags', config: { tags: ['new'] } },
    { id: 'attr', type: 'action.set_attribute', config: { key: 'tier', value: 'gold' } },
    { id: 'mail', type: 'action.send_email', config: { subject: 'Hi', body: 'Thanks' } },
  ]);

  it('lists what the profile actions that took effect changed, in order; other actions change nothing', () => {
    const steps = ['t1', 'g', 'add', 'rm', 'attr', 'mail'].map((id) =>
      step(id, plan.nodes.get(id)!.type, id === 'rm' ? 'skipped' : 'ok'),
    );
    expect(profileChangesOf(plan, steps)).toEqual([
      { kind: 'group', group: 'VIP member' },
      { kind: 'add_tags', tags: ['vip', 'apple'] },
      { kind: 'attribute', key: 'tier', value: 'gold' },
    ]);
  });

  it('leaves the profile as the SQL of the actions does: group replaced, tags a sorted set, attribute merged', () => {
    const before = { group: null, tags: ['new', 'vip'], attributes: { income: '75-100k' } };
    const after = applyProfileChanges(before, [
      { kind: 'group', group: 'Gold' },
      { kind: 'add_tags', tags: ['apple', 'vip'] },
      { kind: 'remove_tags', tags: ['new'] },
      { kind: 'attribute', key: 'tier', value: { level: 2 } },
    ]);
    expect(after).toEqual({
      group: 'Gold',
      tags: ['apple', 'vip'],
      attributes: { income: '75-100k', tier: { level: 2 } },
    });
    expect(before).toEqual({ group: null, tags: ['new', 'vip'], attributes: { income: '75-100k' } });
  });
});
