import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Catalog } from '../catalog/catalog-model';
import { useCatalog } from '../catalog/catalog-queries';
import { EditorCatalogContext } from '../editor/catalog-context';
import { ConditionBuilder } from '../editor/condition/condition-builder';
import { SegmentPreviewPanel } from '../editor/condition/segment-preview';
import { ErrorState, Loading } from '../shell/states';
import { useStoreId } from '../stores/current-store';
import type { Condition } from '../workflows/graph';
import { type Segment, segmentsMutations, segmentsQueries } from './segments-queries';

/** The segment builder: name, rules with the workflow condition builder, live size; `new` creates one. */
export default function SegmentPage({ segmentId }: { segmentId: string }) {
  const storeId = useStoreId();
  const isNew = segmentId === 'new';
  const segment = useQuery({ ...segmentsQueries.detail(storeId, segmentId), enabled: !isNew });
  const catalog = useCatalog();
  if (catalog.isPending || (!isNew && segment.isPending)) return <Loading label="Opening the segment" />;
  if (catalog.isError) return <ErrorState title="Could not load the field catalog" error={catalog.error} />;
  if (!isNew && segment.isError)
    return <ErrorState title="Could not load this segment" error={segment.error} />;
  return (
    <EditorCatalogContext.Provider value={catalog.data}>
      <SegmentForm
        key={segmentId}
        storeId={storeId}
        catalog={catalog.data}
        segment={isNew ? null : (segment.data ?? null)}
      />
    </EditorCatalogContext.Provider>
  );
}

function SegmentForm({
  storeId,
  catalog,
  segment,
}: {
  storeId: string;
  catalog: Catalog;
  segment: Segment | null;
}) {
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [condition, setCondition] = useState<Condition>(segment?.condition ?? { all: [] });
  const save = useMutation(segmentsMutations.save(storeId, client));
  const onSave = () =>
    save.mutate(
      {
        ...(segment ? { id: segment.id } : {}),
        name: name.trim(),
        description: description.trim() || null,
        condition,
      },
      { onSuccess: (saved) => !segment && navigate(`/segments/${saved.id}`, { replace: true }) },
    );
  return (
    <div className="page">
      <Link href="/segments" className="btn-link back-link">
        ← Segments
      </Link>
      <header className="page-header">
        <h1>{segment ? segment.name : 'New segment'}</h1>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!name.trim() || save.isPending}
          onClick={onSave}
        >
          {save.isPending ? 'Saving…' : 'Save segment'}
        </button>
      </header>
      {save.isError && <ErrorState title="Could not save the segment" error={save.error} />}
      {save.isSuccess && (
        <p className="banner banner-ok" role="status">
          Saved. {save.data.size.toLocaleString('en-US')} customers are in this segment now.
        </p>
      )}
      <div className="segment-layout">
        <section className="card" aria-label="Segment rules">
          <h2 className="visually-hidden">Rules</h2>
          <div className="form-field">
            <label htmlFor="segment-name">Segment name</label>
            <input
              id="segment-name"
              type="text"
              value={name}
              placeholder="e.g. Texas big spenders"
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="form-field">
            <label htmlFor="segment-description">Description</label>
            <input
              id="segment-description"
              type="text"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          <ConditionBuilder catalog={catalog} value={condition} onChange={setCondition} />
        </section>
        <SegmentPreviewPanel condition={condition} />
      </div>
    </div>
  );
}
