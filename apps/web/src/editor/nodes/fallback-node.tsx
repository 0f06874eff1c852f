import { useState } from 'react';
import type { NodeDefinition } from './node-definition';

/** For node types this build has no form for yet: config edited as JSON, honestly labelled. */
export const actionFallbackNode: NodeDefinition = {
  icon: '▣',
  defaultConfig: () => ({}),
  summarize: (config) =>
    Object.keys(config).length ? JSON.stringify(config).slice(0, 60) : 'Not configured',
  Form: function JsonForm({ config, onChange }) {
    const [text, setText] = useState(JSON.stringify(config, null, 2));
    const [error, setError] = useState<string | null>(null);
    return (
      <div className="form-field">
        <label htmlFor="raw-config">Configuration (JSON)</label>
        <textarea
          id="raw-config"
          rows={10}
          className="mono"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            try {
              onChange(JSON.parse(e.target.value) as Record<string, unknown>);
              setError(null);
            } catch {
              setError('Not valid JSON yet');
            }
          }}
        />
        {error && <small className="error-text">{error}</small>}
      </div>
    );
  },
};
