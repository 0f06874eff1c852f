import { list, ListField } from '../inspector/form-fields';
import type { NodeDefinition } from './node-definition';

/** Removes tags from the customer. */
export const removeTagsNode: NodeDefinition = {
  icon: '#',
  defaultConfig: () => ({ tags: [] }),
  summarize: (config) =>
    list(config.tags).length ? `Remove ${list(config.tags).join(', ')}` : 'Choose tags to remove',
  Form: ({ config, onChange }) => (
    <ListField
      label="Tags"
      value={list(config.tags)}
      hint="Separate tags with commas."
      onChange={(tags) => onChange({ ...config, tags })}
    />
  ),
};
