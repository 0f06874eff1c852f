import { z } from 'zod';
import { defineNode, singleOutput } from '../node-definition';

/** Posts a signed webhook (HMAC of the body with the store's secret) through the outbox. */
export const actionHttpRequest = defineNode({
  type: 'action.http_request',
  kind: 'action',
  label: 'Webhook',
  description: 'POST a signed JSON payload to a URL',
  category: 'Integrations',
  icon: 'webhook',
  configSchema: z.strictObject({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    body: z.unknown().optional(),
  }),
  defaultConfig: { url: '' },
  handles: singleOutput,
  eventFields: [],
});
