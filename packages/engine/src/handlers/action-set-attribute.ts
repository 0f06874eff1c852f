import type { NodeConfig } from '@segflow/schema';
import { portAction } from './action';

/** `action.set_attribute`: the `setAttribute` port. */
export const actionSetAttribute = portAction<NodeConfig<'action.set_attribute'>>((actions, ctx, config) =>
  actions.setAttribute(ctx, { key: config.key, value: config.value }),
);
