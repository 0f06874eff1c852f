import type { Condition } from '../../workflows/graph';
import { ConditionBuilder } from '../condition/condition-builder';
import { summarizeCondition } from '../condition/condition-summary';
import { SegmentPreviewPanel } from '../condition/segment-preview';
import { newId } from '../flow-mapping';
import { TextField } from '../inspector/form-fields';
import type { NodeDefinition } from './node-definition';

interface SwitchCase {
  id: string;
  label: string;
  condition: Condition;
}

const casesOf = (config: Record<string, unknown>): SwitchCase[] =>
  Array.isArray(config.cases) ? (config.cases as SwitchCase[]) : [];

/** Ordered cases, first match wins, plus "otherwise": the tier split. */
export const switchNode: NodeDefinition = {
  icon: '☰',
  defaultConfig: () => ({
    cases: [{ id: newId('case'), label: 'Case 1', condition: { all: [] } }],
  }),
  summarize: (config) => {
    const cases = casesOf(config);
    return cases.length
      ? `${cases.map((c) => c.label || 'Untitled').join(' · ')} · otherwise`
      : 'No cases yet';
  },
  Form: ({ config, onChange, catalog }) => {
    const cases = casesOf(config);
    const setCases = (next: SwitchCase[]) => onChange({ ...config, cases: next });
    const update = (i: number, patch: Partial<SwitchCase>) =>
      setCases(cases.map((c, j) => (j === i ? { ...c, ...patch } : c)));
    const move = (i: number, delta: number) => {
      const next = cases.slice();
      const [item] = next.splice(i, 1);
      next.splice(i + delta, 0, item!);
      setCases(next);
    };
    return (
      <div className="switch-cases">
        <p className="muted small">Cases are checked top to bottom; the first that matches wins.</p>
        {cases.map((c, i) => (
          <section key={c.id} className="switch-case" aria-label={`Case ${i + 1}`}>
            <div className="switch-case-head">
              <TextField
                label={`Case ${i + 1} name`}
                value={c.label}
                onChange={(label) => update(i, { label })}
              />
              <div className="switch-case-tools">
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`Move case ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`Move case ${i + 1} down`}
                  disabled={i === cases.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon-btn danger"
                  aria-label={`Remove case ${i + 1}`}
                  onClick={() => setCases(cases.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </div>
            </div>
            <ConditionBuilder
              catalog={catalog}
              value={c.condition}
              onChange={(condition) => update(i, { condition })}
            />
            <small className="muted">{summarizeCondition(c.condition, catalog)}</small>
            <SegmentPreviewPanel condition={c.condition} />
          </section>
        ))}
        <button
          type="button"
          className="btn"
          onClick={() =>
            setCases([
              ...cases,
              { id: newId('case'), label: `Case ${cases.length + 1}`, condition: { all: [] } },
            ])
          }
        >
          + Add case
        </button>
        <p className="muted small">Customers matching no case leave through “Otherwise”.</p>
      </div>
    );
  },
};
