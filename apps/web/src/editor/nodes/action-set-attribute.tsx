import { str, TextField } from '../inspector/form-fields';
import type { NodeDefinition } from './node-definition';

/** Sets a custom attribute on the customer. */
export const setAttributeNode: NodeDefinition = {
  icon: '✎',
  defaultConfig: () => ({ key: '', value: '' }),
  summarize: (config) =>
    str(config.key) ? `Set ${str(config.key)} = ${String(config.value ?? '')}` : 'Choose an attribute',
  Form: ({ config, onChange }) => (
    <>
      <TextField
        label="Attribute"
        value={str(config.key)}
        placeholder="e.g. tier"
        onChange={(key) => onChange({ ...config, key })}
      />
      <TextField
        label="Attribute value"
        value={String(config.value ?? '')}
        onChange={(value) => onChange({ ...config, value })}
      />
    </>
  ),
};
