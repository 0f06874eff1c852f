import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isApiError } from '../../api/client';
import { type TestRunResult, workflowsMutations } from '../../workflows/workflows-queries';
import { useEditorCatalog } from '../catalog-context';
import { useCanvasStore, useCanvasStoreApi } from '../canvas-store';
import { flowToGraph } from '../flow-mapping';
import type { TestStep } from '../slices/review-slice';
import type { useWorkflowSync } from '../use-workflow-sync';
import { BacktestSection } from './backtest-section';
import { CountersToggle } from './counters-toggle';
import { parseSampleEvent, sampleOrderEvent, withCustomer } from './sample-event';

/** Reads the steps of a dry-run answer, whatever the exact envelope (`steps`, `trace`, `result.steps`). */
export function stepsOf(result: TestRunResult): TestStep[] {
  const raw = (result.steps ??
    (result.trace as unknown) ??
    (result.result as { steps?: unknown } | undefined)?.steps ??
    []) as Array<Record<string, unknown>>;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((s) => typeof s.nodeId === 'string')
    .map((s) => ({
      nodeId: s.nodeId as string,
      status: String(s.status ?? s.outcome ?? 'ok'),
      handle: typeof s.handle === 'string' ? s.handle : undefined,
      note:
        typeof s.skipReason === 'string' ? s.skipReason : typeof s.error === 'string' ? s.error : undefined,
    }));
}

/** Dry run against a customer: the path lights up on the canvas and the would-be actions are listed. */
export function TestRunPanel({
  storeId,
  sync,
  onClose,
}: {
  storeId: string;
  sync: ReturnType<typeof useWorkflowSync>;
  onClose: () => void;
}) {
  const store = useCanvasStoreApi();
  const catalog = useEditorCatalog();
  const workflowId = store.getState().workflowId;
  const test = useMutation(workflowsMutations.test(storeId, workflowId));
  const [customer, setCustomer] = useState('');
  const [eventText, setEventText] = useState<string | null>(null);
  const sample = eventText === null ? null : parseSampleEvent(eventText);
  const { showTestRun, clearTestRun } = useCanvasStore(
    useShallow((s) => ({ showTestRun: s.showTestRun, clearTestRun: s.clearTestRun })),
  );
  const steps = test.data ? stepsOf(test.data) : [];
  const titleOf = (id: string) => {
    const node = store.getState().nodes.find((n) => n.id === id);
    return node?.data.label || catalog.nodeTypes.find((t) => t.type === node?.data.nodeType)?.label || id;
  };

  const run = () => {
    const { nodes: current, edges } = store.getState();
    test.mutate(
      {
        graph: flowToGraph(current, edges),
        customerId: customer.trim(),
        ...(sample?.ok ? { event: withCustomer(sample.event, customer.trim()) } : {}),
      },
      { onSuccess: (result) => showTestRun(stepsOf(result)) },
    );
  };

  return (
    <aside className="inspector" aria-label="Test run">
      <div className="inspector-body">
        <header className="panel-head">
          <h2>Test run</h2>
          <button
            type="button"
            className="icon-btn"
            aria-label="Close test run"
            onClick={() => {
              clearTestRun();
              onClose();
            }}
          >
            ×
          </button>
        </header>
        <p className="muted small">
          A dry run: nothing is sent or changed. The path lights up on the canvas.
        </p>
        <div className="form-field">
          <label htmlFor="test-customer">Customer</label>
          <input
            id="test-customer"
            type="text"
            placeholder="Customer id or external id"
            value={customer}
            onChange={(e) => setCustomer(e.target.value)}
          />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={eventText !== null}
            onChange={(e) => setEventText(e.target.checked ? sampleOrderEvent() : null)}
          />
          Include a sample event (an order placed now)
        </label>
        {eventText !== null && (
          <div className="form-field">
            <label htmlFor="test-event">Sample event (JSON)</label>
            <textarea
              id="test-event"
              className="mono"
              rows={10}
              value={eventText}
              onChange={(e) => setEventText(e.target.value)}
            />
            {sample && !sample.ok && <small className="error-text">{sample.error}</small>}
          </div>
        )}
        <div className="row-actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={!customer.trim() || test.isPending || (sample !== null && !sample.ok)}
            onClick={run}
          >
            {test.isPending ? 'Running…' : 'Run test'}
          </button>
          {steps.length > 0 && (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                clearTestRun();
                test.reset();
              }}
            >
              Clear
            </button>
          )}
        </div>
        {test.isError && (
          <p className="banner banner-warn" role="alert">
            {isApiError(test.error, 404) && !test.error.code.includes('customer')
              ? 'Testing a single customer is not available on this server yet; replay recent events below.'
              : test.error.message}
          </p>
        )}
        {test.data && (
          <section aria-label="Test run result">
            <p>
              Result: <strong>{String(test.data.status ?? 'done')}</strong>
            </p>
            {steps.length === 0 ? (
              <p className="muted">No step ran: no trigger matched this customer.</p>
            ) : (
              <ol className="test-steps">
                {steps.map((s) => (
                  <li key={s.nodeId} className={`step-${s.status}`}>
                    <strong>{titleOf(s.nodeId)}</strong> <span className="badge">{s.status}</span>
                    {s.handle && s.handle !== 'next' && <span className="muted"> → {s.handle}</span>}
                    {s.note && <div className="muted small">{s.note}</div>}
                  </li>
                ))}
              </ol>
            )}
            <h3>Would do</h3>
            {test.data.actions && test.data.actions.length > 0 ? (
              <ul className="small">
                {test.data.actions.map((a, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: actions of one run have no id
                  <li key={i}>
                    {titleOf(a.nodeId)}: <span className="mono">{a.port}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted small">No action: this customer would not be changed or contacted.</p>
            )}
          </section>
        )}
        <BacktestSection storeId={storeId} workflowId={workflowId} sync={sync} titleOf={titleOf} />
        <CountersToggle storeId={storeId} workflowId={workflowId} />
      </div>
    </aside>
  );
}
