import { z } from 'zod';
import { defineNode, singleOutput } from '../node-definition';

/** Tells the store's team (email to members); Liquid like send_email. */
export const actionNotifyTeam = defineNode({
  type: 'action.notify_team',
  kind: 'action',
  label: 'Notify team',
  description: 'Send an internal notification to the store team',
  category: 'Messaging',
  icon: 'bell',
  configSchema: z.strictObject({
    subject: z.string().trim().min(1).max(300),
    body: z.string().min(1).max(10_000),
  }),
  defaultConfig: { subject: '', body: '' },
  handles: singleOutput,
  eventFields: [],
});
