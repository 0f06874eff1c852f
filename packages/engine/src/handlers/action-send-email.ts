import type { NodeConfig } from '@segflow/schema';
import { portAction } from './action';

/** `action.send_email`: the `sendEmail` port (it renders the templates and creates the coupon). */
export const actionSendEmail = portAction<NodeConfig<'action.send_email'>>((actions, ctx, config) =>
  actions.sendEmail(ctx, config),
);
