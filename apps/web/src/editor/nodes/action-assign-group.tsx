import { str, TextField } from '../inspector/form-fields';
import type { NodeDefinition } from './node-definition';

/** Puts the customer in one customer group (a customer has exactly one). */
export const assignGroupNode: NodeDefinition = {
  icon: '♛',
  defaultConfig: () => ({ group: '' }),
  summarize: (config) => (str(config.group) ? `Group: ${str(config.group)}` : 'Choose a group'),
  Form: ({ config, onChange }) => (
    <TextField
      label="Group"
      value={str(config.group)}
      placeholder="e.g. VIP member"
      hint="A customer belongs to one group; this replaces their current one."
      onChange={(group) => onChange({ ...config, group })}
    />
  ),
};
