import { list, ListField } from '../inspector/form-fields';
import type { NodeDefinition } from './node-definition';

/** Adds tags to the customer. */
export const addTagsNode: NodeDefinition = {
  icon: '#',
  defaultConfig: () => ({ tags: [] }),
  summarize: (config) =>
    list(config.tags).length ? `Add ${list(config.tags).join(', ')}` : 'Choose tags to add',
  Form: ({ config, onChange }) => (
    <ListField
      label="Tags"
      value={list(config.tags)}
      placeholder="Texas customer, VIP"
      hint="Separate tags with commas."
      onChange={(tags) => onChange({ ...config, tags })}
    />
  ),
};
