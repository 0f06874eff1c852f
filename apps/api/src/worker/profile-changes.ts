import type { CustomerFacts, Plan, StepRecord } from '@segflow/engine';
import type { NodeConfig } from '@segflow/schema';

/**
 * What a run's actions changed on its customer's profile, in the order they took effect. Only the
 * profile actions change what conditions read (group, tags, attributes); email, coupons, webhooks
 * and team notes change nothing there.
 */
export type ProfileChange =
  | { kind: 'group'; group: string }
  | { kind: 'add_tags'; tags: string[] }
  | { kind: 'remove_tags'; tags: string[] }
  | { kind: 'attribute'; key: string; value: unknown };

/** The profile changes of a run's actions that took effect (from the plan's node configs). */
export function profileChangesOf(plan: Plan, steps: StepRecord[]): ProfileChange[] {
  const out: ProfileChange[] = [];
  for (const step of steps) {
    if (step.status !== 'ok') continue;
    const config = plan.nodes.get(step.nodeId)?.config;
    switch (step.type) {
      case 'action.assign_group':
        out.push({ kind: 'group', group: (config as NodeConfig<'action.assign_group'>).group });
        break;
      case 'action.add_tags':
        out.push({ kind: 'add_tags', tags: (config as NodeConfig<'action.add_tags'>).tags });
        break;
      case 'action.remove_tags':
        out.push({ kind: 'remove_tags', tags: (config as NodeConfig<'action.remove_tags'>).tags });
        break;
      case 'action.set_attribute': {
        const { key, value } = config as NodeConfig<'action.set_attribute'>;
        out.push({ kind: 'attribute', key, value: value ?? null });
        break;
      }
    }
  }
  return out;
}

/** The profile fields the changes touch, in the shape facts keep them. */
export interface Profile {
  group: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
}

/**
 * The profile after the changes, as the actions' SQL leaves it (customer-actions.ts): the group
 * replaced, tags a sorted set (code-point order; conditions read tags as a set), the attribute
 * merged into the object. Returns a new object; the input is not changed.
 */
export function applyProfileChanges(profile: Profile, changes: ProfileChange[]): Profile {
  let { group, tags, attributes } = profile;
  for (const change of changes) {
    if (change.kind === 'group') group = change.group;
    else if (change.kind === 'add_tags') tags = [...new Set([...tags, ...change.tags])].sort();
    else if (change.kind === 'remove_tags') tags = tags.filter((tag) => !change.tags.includes(tag));
    else attributes = { ...attributes, [change.key]: change.value };
  }
  return { group, tags, attributes };
}

/** Updates loaded facts in place with the changes (later routes of the event share the object). */
export function patchFacts(facts: CustomerFacts, changes: ProfileChange[]): void {
  Object.assign(facts, applyProfileChanges(facts, changes));
}
