import { useQuery } from '@tanstack/react-query';
import { formatCount } from '../shell/format';
import { workflowsQueries } from './workflows-queries';

/** Runs in the last 24 hours and how many failed, for one row of the workflows list. */
export function RunsCell({
  storeId,
  workflowId,
  isPublished,
}: {
  storeId: string;
  workflowId: string;
  isPublished: boolean;
}) {
  const stats = useQuery({ ...workflowsQueries.stats(storeId, workflowId, 1), enabled: isPublished });
  if (!isPublished) return <span className="muted">—</span>;
  if (stats.isPending) return <span className="muted">…</span>;
  if (stats.isError)
    return (
      <span className="muted" title={stats.error.message}>
        n/a
      </span>
    );
  const runs = stats.data.runs;
  const total = Object.values(runs).reduce((a, b) => a + b, 0);
  const failed = runs.failed ?? 0;
  return (
    <span>
      {formatCount(total)}
      {failed > 0 && <span className="badge badge-warn"> {formatCount(failed)} failed</span>}
    </span>
  );
}
