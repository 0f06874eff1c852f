import type { NodeConfig } from '@segflow/schema';
import { portAction } from './action';

/** `action.notify_team`: the `notifyTeam` port. */
export const actionNotifyTeam = portAction<NodeConfig<'action.notify_team'>>((actions, ctx, config) =>
  actions.notifyTeam(ctx, { subject: config.subject, body: config.body }),
);
