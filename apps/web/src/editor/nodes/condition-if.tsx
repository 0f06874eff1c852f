import type { Condition } from '../../workflows/graph';
import { ConditionBuilder } from '../condition/condition-builder';
import { summarizeCondition } from '../condition/condition-summary';
import { SegmentPreviewPanel } from '../condition/segment-preview';
import type { NodeDefinition } from './node-definition';

/** Two-way branch: customers matching the condition go out "true", the rest "false". */
export const ifNode: NodeDefinition = {
  icon: '◇',
  defaultConfig: () => ({ condition: { all: [] } }),
  summarize: (config, catalog) => summarizeCondition(config.condition as Condition | undefined, catalog),
  Form: ({ config, onChange, catalog }) => {
    const condition = (config.condition as Condition | undefined) ?? { all: [] };
    return (
      <>
        <ConditionBuilder
          catalog={catalog}
          value={condition}
          onChange={(next) => onChange({ ...config, condition: next })}
        />
        <SegmentPreviewPanel condition={condition} />
      </>
    );
  },
};
