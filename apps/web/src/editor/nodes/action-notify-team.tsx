import { str, TextField } from '../inspector/form-fields';
import { EmailPreview } from './email-preview';
import type { NodeDefinition } from './node-definition';

/** Sends an internal notification to the store's team. */
export const notifyTeamNode: NodeDefinition = {
  icon: '☏',
  defaultConfig: () => ({ subject: '', body: '' }),
  summarize: (config) => (str(config.subject) ? `Notify: ${str(config.subject)}` : 'Write the notification'),
  Form: ({ config, onChange }) => (
    <>
      <TextField
        label="Subject"
        value={str(config.subject)}
        onChange={(subject) => onChange({ ...config, subject })}
      />
      <TextField
        label="Body"
        multiline
        value={str(config.body)}
        onChange={(body) => onChange({ ...config, body })}
      />
      <EmailPreview subject={str(config.subject)} body={str(config.body)} recipient="team" />
    </>
  ),
};
