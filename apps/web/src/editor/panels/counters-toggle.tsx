import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { workflowsQueries } from '../../workflows/workflows-queries';
import { useCanvasStore } from '../canvas-store';

/** Overlays how many real runs reached each node in the last 7 days. */
export function CountersToggle({ storeId, workflowId }: { storeId: string; workflowId: string }) {
  const [on, setOn] = useState(false);
  const setCounts = useCanvasStore((s) => s.setCounts);
  const stats = useQuery({ ...workflowsQueries.stats(storeId, workflowId, 7), enabled: on });

  useEffect(() => {
    if (!on || !stats.data) {
      setCounts(null);
      return;
    }
    setCounts(Object.fromEntries(Object.entries(stats.data.nodes).map(([id, n]) => [id, n.entered])));
  }, [on, stats.data, setCounts]);

  const totalRuns = stats.data ? Object.values(stats.data.runs).reduce((a, b) => a + b, 0) : null;
  return (
    <section className="panel-section" aria-label="Run counters">
      <label className="checkbox">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        Show runs per step (last 7 days)
      </label>
      {on && stats.isPending && <p className="muted small">Loading counters…</p>}
      {on && stats.isError && <p className="muted small">Counters unavailable: {stats.error.message}</p>}
      {on && totalRuns !== null && (
        <p className="muted small">{totalRuns.toLocaleString('en-US')} runs in the last 7 days.</p>
      )}
    </section>
  );
}
