import '../../styles/conditions.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useEditorCatalog } from '../catalog-context';
import { ExplainTree } from './explain-tree';
import { isApiError } from '../../api/client';
import { segmentsQueries } from '../../segments/segments-queries';
import { formatCount } from '../../shell/format';
import { useDebouncedValue } from '../../shell/use-debounced-value';
import { useStoreId } from '../../stores/current-store';
import type { Condition } from '../../workflows/graph';
import { countLeaves } from './condition-tree';

/** Live count, share and sample of the customers a condition matches now (debounced 250 ms). */
export function SegmentPreviewPanel({ condition }: { condition: Condition }) {
  const storeId = useStoreId();
  const catalog = useEditorCatalog();
  const [explained, setExplained] = useState<string | number | null>(null);
  const debounced = useDebouncedValue(condition, 250);
  const enabled = countLeaves(debounced) > 0;
  const preview = useQuery({ ...segmentsQueries.preview(storeId, debounced), enabled });

  let body: React.ReactNode;
  if (!enabled) body = <p className="muted small">Add a rule to see how many customers match.</p>;
  else if (preview.isPending) body = <p className="muted small">Counting customers…</p>;
  else if (preview.isError) {
    body = (
      <p className="muted small">
        {isApiError(preview.error, 404)
          ? 'Preview unavailable on this server.'
          : `Preview unavailable: ${preview.error.message}`}
      </p>
    );
  } else {
    const { count, total, sample, tookMs } = preview.data;
    const share = total > 0 ? (count / total) * 100 : 0;
    body = (
      <>
        <div className="preview-count">
          <strong>{formatCount(count)}</strong> of {formatCount(total)} customers
          <span className="muted"> · {share.toFixed(share < 1 && share > 0 ? 2 : 1)}%</span>
        </div>
        <div className="preview-bar" aria-hidden="true">
          <span style={{ width: `${Math.min(100, share)}%` }} />
        </div>
        {sample.length > 0 && (
          <ul className="preview-sample">
            {sample.slice(0, 10).map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="btn-link"
                  aria-expanded={explained === c.id}
                  onClick={() => setExplained(explained === c.id ? null : c.id)}
                >
                  {displayName(c)}
                </button>{' '}
                <Link
                  href={`/customers/${c.id}`}
                  className="small muted"
                  aria-label={`Open ${displayName(c)}`}
                >
                  ↗
                </Link>
                {explained === c.id && (
                  <ExplainTree condition={debounced} customerId={c.id} catalog={catalog} />
                )}
              </li>
            ))}
          </ul>
        )}
        <small className="muted">
          {preview.isFetching ? 'Updating…' : `Counted in ${Math.round(tookMs)} ms`}
        </small>
      </>
    );
  }
  return (
    <div className="preview" aria-live="polite">
      <h3>Matching customers now</h3>
      {body}
    </div>
  );
}

function displayName(c: {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  name?: string | null;
  id: string | number;
}) {
  const name = c.name || [c.firstName, c.lastName].filter(Boolean).join(' ');
  return name ? `${name}${c.email ? ` · ${c.email}` : ''}` : (c.email ?? String(c.id));
}
