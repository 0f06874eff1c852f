import type { NodeConfig } from '@segflow/schema';
import { portAction } from './action';

/** `action.http_request`: the `httpRequest` port (signed, through the outbox). */
export const actionHttpRequest = portAction<NodeConfig<'action.http_request'>>((actions, ctx, config) =>
  actions.httpRequest(ctx, { url: config.url, body: config.body }),
);
