import { useQuery } from '@tanstack/react-query';
import { segmentsQueries } from '../../segments/segments-queries';
import { useStoreId } from '../../stores/current-store';
import { SelectField, str, TextField } from '../inspector/form-fields';
import type { NodeFormProps } from './node-definition';

/** The segment picker shared by segment triggers: the store's saved segments, or an id when they cannot load. */
export function SegmentIdField({ config, onChange: emit }: NodeFormProps) {
  const storeId = useStoreId();
  // An empty choice removes the key: optional for schedules, reported as missing for segment triggers.
  const onChange = (next: Record<string, unknown>) => {
    if (next.segmentId) return emit(next);
    const { segmentId: _s, ...rest } = next;
    emit(rest);
  };
  const segments = useQuery(segmentsQueries.list(storeId));
  const value = str(config.segmentId);
  if (!segments.data) {
    return (
      <TextField
        label="Segment"
        value={value}
        placeholder={segments.isPending ? 'Loading segments…' : 'Segment id'}
        onChange={(segmentId) => onChange({ ...config, segmentId })}
      />
    );
  }
  const options = [
    {
      value: '',
      label: segments.data.length ? 'Choose a segment…' : 'No segments yet: create one under Segments',
    },
    ...segments.data.map((s) => ({ value: s.id, label: `${s.name} (${s.size.toLocaleString('en-US')})` })),
  ];
  if (value && !segments.data.some((s) => s.id === value))
    options.push({ value, label: `Unknown segment ${value}` });
  return (
    <SelectField
      label="Segment"
      value={value}
      options={options}
      onChange={(segmentId) => onChange({ ...config, segmentId })}
    />
  );
}
