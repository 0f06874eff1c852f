import type { Condition } from '../../workflows/graph';
import { ConditionBuilder } from '../condition/condition-builder';
import { SegmentPreviewPanel } from '../condition/segment-preview';
import { triggerDefinition } from './trigger-common';

/** Runs on demand, or as a backfill over the existing customers a condition matches. */
export const manualNode = triggerDefinition({
  icon: '▶',
  describe: (c) =>
    c.condition ? 'When run manually, for matching customers' : 'When run manually or backfilled',
  Fields: ({ config, onChange, catalog }) => {
    const condition = config.condition as Condition | undefined;
    return (
      <>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={Boolean(condition)}
            onChange={(e) => {
              const { condition: _c, ...rest } = config;
              onChange(e.target.checked ? { ...rest, condition: { all: [] } } : rest);
            }}
          />
          Only customers matching a condition (for backfills)
        </label>
        {condition && (
          <>
            <ConditionBuilder
              catalog={catalog}
              value={condition}
              onChange={(next) => onChange({ ...config, condition: next })}
            />
            <SegmentPreviewPanel condition={condition} />
          </>
        )}
      </>
    );
  },
});
