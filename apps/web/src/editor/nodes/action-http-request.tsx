import { str, TextField } from '../inspector/form-fields';
import type { NodeDefinition } from './node-definition';

/** Posts a signed webhook to another system. */
export const httpRequestNode: NodeDefinition = {
  icon: '⇄',
  defaultConfig: () => ({ url: '' }),
  summarize: (config) => (str(config.url) ? `POST ${str(config.url)}` : 'Set the webhook URL'),
  Form: ({ config, onChange }) => (
    <>
      <TextField
        label="URL"
        value={str(config.url)}
        placeholder="https://example.com/hooks/segflow"
        onChange={(url) => onChange({ ...config, url })}
      />
      <TextField
        label="Request body"
        multiline
        value={str(config.body)}
        hint="Optional Liquid template; the customer and event are sent when empty."
        onChange={(body) => onChange({ ...config, body })}
      />
    </>
  ),
};
