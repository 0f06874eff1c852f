import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { type BacktestItem, workflowsMutations } from '../../workflows/workflows-queries';
import { useCanvasStore } from '../canvas-store';
import type { useWorkflowSync } from '../use-workflow-sync';

/** Replays the last N stored events through the saved draft (dry run) and draws a chosen path. */
export function BacktestSection({
  storeId,
  workflowId,
  sync,
  titleOf,
}: {
  storeId: string;
  workflowId: string;
  sync: ReturnType<typeof useWorkflowSync>;
  titleOf: (nodeId: string) => string;
}) {
  const backtest = useMutation(workflowsMutations.backtest(storeId, workflowId));
  const [limit, setLimit] = useState(50);
  const [chosen, setChosen] = useState<string | null>(null);
  const showTestRun = useCanvasStore((s) => s.showTestRun);

  const choose = (item: BacktestItem) => {
    setChosen(item.eventId);
    showTestRun(
      item.path.map((p) => ({
        nodeId: p.nodeId,
        status: p.status,
        handle: p.handle ?? undefined,
        note: p.skipReason ?? undefined,
      })),
    );
  };

  const run = async () => {
    if (!(await sync.save())) return;
    backtest.mutate({ limit }, { onSuccess: (r) => r.items[0] && choose(r.items[0]) });
  };

  const selected = backtest.data?.items.find((i) => i.eventId === chosen);
  return (
    <section className="panel-section" aria-label="Replay recent events">
      <h3>Replay recent events</h3>
      <p className="muted small">
        Runs the saved draft over the store’s latest matching events, without acting.
      </p>
      <div className="row-actions">
        <select
          aria-label="Number of events"
          value={limit}
          onChange={(e) => setLimit(Number(e.target.value))}
        >
          {[20, 50, 100, 500].map((n) => (
            <option key={n} value={n}>
              Last {n} events
            </option>
          ))}
        </select>
        <button type="button" className="btn" disabled={backtest.isPending} onClick={run}>
          {backtest.isPending ? 'Replaying…' : 'Replay'}
        </button>
      </div>
      {backtest.isError && (
        <p className="banner banner-warn" role="alert">
          {backtest.error.message}
        </p>
      )}
      {backtest.data && (
        <>
          <p className="small">
            {backtest.data.totals.events} events · {backtest.data.totals.completed} completed ·{' '}
            {backtest.data.totals.waiting} waiting · {backtest.data.totals.failed} failed
            {Object.entries(backtest.data.totals.actions).map(([port, n]) => ` · ${n} ${port}`)}
          </p>
          {backtest.data.items.length === 0 ? (
            <p className="muted small">No stored event matches this workflow’s triggers yet.</p>
          ) : (
            <ul className="backtest-items">
              {backtest.data.items.slice(0, 30).map((item) => (
                <li key={item.eventId}>
                  <button
                    type="button"
                    className="backtest-item"
                    aria-pressed={item.eventId === chosen}
                    onClick={() => choose(item)}
                  >
                    <span>Customer {item.customerId}</span>
                    <span className="muted">
                      {item.status} · {item.actions.length} action{item.actions.length === 1 ? '' : 's'}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {selected && selected.actions.length > 0 && (
            <div>
              <h3>Would do</h3>
              <ul className="small">
                {selected.actions.map((a, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: actions of one run have no id
                  <li key={i}>
                    {titleOf(a.nodeId)}: <span className="mono">{a.port}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
