import '../../styles/conditions.css';
import { useState } from 'react';
import { type Catalog, type FieldInfo, resolveField } from '../../catalog/catalog-model';
import type { Condition, ConditionLeaf, Operator } from '../../workflows/graph';
import {
  appendAt,
  asRootGroup,
  childrenOf,
  type ConditionPath,
  kindOf,
  newLeaf,
  removeAt,
  setGroupKind,
  toggleNot,
  updateAt,
} from './condition-tree';
import { FieldPicker } from './field-picker';
import { coerceValue, operatorLabel, operatorsForField } from './operators';
import { SuggestInput } from './suggest-input';
import { useValueSuggestions } from './use-value-suggestions';
import { ValueEditor } from './value-editor';

interface BuilderContext {
  catalog: Catalog;
  root: Condition;
  onChange: (next: Condition) => void;
  fieldFilter: string;
}

/** The default first field of a new rule: lifetime spend when the catalog has it. */
function defaultLeaf(catalog: Catalog): ConditionLeaf {
  const field = catalog.fieldById.get('customer.lifetimeSpend') ?? catalog.fields[0];
  return field ? newLeaf(field.id, field.operators[0] ?? 'eq') : newLeaf('customer.email', 'eq');
}

/**
 * Edits a condition tree: nested all/any groups, `not`, and rules whose operators and value
 * inputs follow the chosen field.
 */
export function ConditionBuilder({
  value,
  onChange,
  catalog,
}: {
  value: Condition | undefined | null;
  onChange: (next: Condition) => void;
  catalog: Catalog;
}) {
  const [fieldFilter, setFieldFilter] = useState('');
  const root = asRootGroup(value);
  const ctx: BuilderContext = { catalog, root, onChange, fieldFilter };
  return (
    <div className="condition-builder">
      <input
        className="field-search"
        type="search"
        aria-label="Search the catalog"
        placeholder="Find a customer property…"
        value={fieldFilter}
        onChange={(e) => setFieldFilter(e.target.value)}
      />
      <NodeEditor node={root} path={[]} ctx={ctx} />
    </div>
  );
}

function NodeEditor({ node, path, ctx }: { node: Condition; path: ConditionPath; ctx: BuilderContext }) {
  const kind = kindOf(node);
  if (kind === 'leaf') return <LeafEditor leaf={node as ConditionLeaf} path={path} ctx={ctx} />;
  if (kind === 'not') {
    return (
      <div className="cond-not">
        <div className="cond-not-head">
          <span className="badge badge-warn">NOT</span>
          <button type="button" className="btn-link" onClick={() => ctx.onChange(toggleNot(ctx.root, path))}>
            Remove “not”
          </button>
        </div>
        <NodeEditor node={(node as { not: Condition }).not} path={[...path, 0]} ctx={ctx} />
      </div>
    );
  }
  return <GroupEditor node={node} kind={kind} path={path} ctx={ctx} />;
}

function GroupEditor({
  node,
  kind,
  path,
  ctx,
}: {
  node: Condition;
  kind: 'all' | 'any' | 'not' | 'leaf';
  path: ConditionPath;
  ctx: BuilderContext;
}) {
  const children = childrenOf(node);
  const isRoot = path.length === 0;
  const change = (next: Condition) => ctx.onChange(next);
  return (
    <fieldset className={`cond-group ${isRoot ? 'cond-root' : ''}`}>
      <legend className="cond-group-head">
        <span>Match</span>
        <select
          aria-label="Match"
          value={kind}
          onChange={(e) => change(setGroupKind(ctx.root, path, e.target.value as 'all' | 'any'))}
        >
          <option value="all">all</option>
          <option value="any">any</option>
        </select>
        <span>of these rules</span>
        {!isRoot && (
          <span className="cond-group-tools">
            <button type="button" className="btn-link" onClick={() => change(toggleNot(ctx.root, path))}>
              Negate
            </button>
            <button
              type="button"
              className="btn-link danger"
              aria-label="Remove group"
              onClick={() => change(removeAt(ctx.root, path))}
            >
              Remove
            </button>
          </span>
        )}
      </legend>
      {children.length === 0 && <p className="muted small">No rules yet: every customer matches.</p>}
      {children.map((child, i) => (
        // Position is the identity of a rule in a tree without ids.
        // biome-ignore lint/suspicious/noArrayIndexKey: rules have no ids of their own
        <NodeEditor key={i} node={child} path={[...path, i]} ctx={ctx} />
      ))}
      <div className="cond-group-actions">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => change(appendAt(ctx.root, path, defaultLeaf(ctx.catalog)))}
        >
          + Add rule
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => change(appendAt(ctx.root, path, { any: [defaultLeaf(ctx.catalog)] }))}
        >
          + Add group
        </button>
      </div>
    </fieldset>
  );
}

function LeafEditor({ leaf, path, ctx }: { leaf: ConditionLeaf; path: ConditionPath; ctx: BuilderContext }) {
  const field = resolveField(ctx.catalog, leaf.field);
  const operators = operatorsForField(field);
  const replace = (next: ConditionLeaf) => ctx.onChange(updateAt(ctx.root, path, () => next));
  const attributeKey = field?.dynamic ? leaf.field.slice(field.id.length + 1) : null;
  return (
    <div className="cond-leaf">
      <FieldPicker
        catalog={ctx.catalog}
        value={field?.dynamic ? field.id : leaf.field}
        filter={ctx.fieldFilter}
        onChange={(f) => {
          const op = f.operators.includes(leaf.op) ? leaf.op : (f.operators[0] ?? 'eq');
          const keepValue = f.type === field?.type;
          const id = f.dynamic ? `${f.id}.` : f.id;
          replace({
            field: id,
            op: op as Operator,
            value: keepValue ? coerceValue(leaf.value, op) : (coerceValue(null, op) ?? null),
          });
        }}
      />
      {attributeKey !== null && field && (
        <AttributeKeyInput
          field={field}
          value={attributeKey}
          onChange={(key) => replace({ ...leaf, field: `${field.id}.${key.trim()}` })}
        />
      )}
      <select
        aria-label="Operator"
        value={leaf.op}
        onChange={(e) =>
          replace({ ...leaf, op: e.target.value as Operator, value: coerceValue(leaf.value, e.target.value) })
        }
      >
        {!operators.includes(leaf.op) && <option value={leaf.op}>{operatorLabel(leaf.op)}</option>}
        {operators.map((op) => (
          <option key={op} value={op}>
            {operatorLabel(op)}
          </option>
        ))}
      </select>
      <ValueEditor leaf={leaf} field={field} onChange={replace} />
      <span className="cond-leaf-tools">
        <button
          type="button"
          className="icon-btn"
          aria-label="Negate rule"
          title="Negate (NOT)"
          onClick={() => ctx.onChange(toggleNot(ctx.root, path))}
        >
          ¬
        </button>
        <button
          type="button"
          className="icon-btn danger"
          aria-label="Remove rule"
          title="Remove rule"
          onClick={() => ctx.onChange(removeAt(ctx.root, path))}
        >
          ×
        </button>
      </span>
    </div>
  );
}

/** The key of a custom-attribute rule, with the keys the store's customers carry suggested. */
function AttributeKeyInput({
  field,
  value,
  onChange,
}: {
  field: FieldInfo;
  value: string;
  onChange: (key: string) => void;
}) {
  const { suggestions, isFetching } = useValueSuggestions(field, field.id, value);
  return (
    <SuggestInput
      className="cond-leaf-wide"
      label="Attribute key"
      placeholder="key, e.g. income"
      value={value}
      onChange={onChange}
      suggestions={suggestions}
      isLoading={isFetching}
    />
  );
}
