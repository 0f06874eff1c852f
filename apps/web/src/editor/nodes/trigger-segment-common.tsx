import { str, TextField } from '../inspector/form-fields';
import type { NodeFormProps } from './node-definition';

/** The segment picker shared by segment triggers. */
export function SegmentIdField({ config, onChange }: NodeFormProps) {
  return (
    <TextField
      label="Segment"
      value={str(config.segmentId)}
      placeholder="Segment id"
      onChange={(segmentId) => onChange({ ...config, segmentId })}
    />
  );
}
