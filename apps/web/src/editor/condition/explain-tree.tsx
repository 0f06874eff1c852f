import { useQuery } from '@tanstack/react-query';
import { type Catalog, resolveField } from '../../catalog/catalog-model';
import { type ExplainedNode, segmentsQueries } from '../../segments/segments-queries';
import { useStoreId } from '../../stores/current-store';
import type { Condition, ConditionLeaf } from '../../workflows/graph';
import { formatValue, summarizeLeaf } from './condition-summary';

function Verdict({ pass }: { pass: boolean }) {
  return (
    <span
      className={pass ? 'verdict verdict-pass' : 'verdict verdict-fail'}
      role="img"
      aria-label={pass ? 'matches' : 'does not match'}
    >
      {pass ? '✓' : '✗'}
    </span>
  );
}

function ExplainNode({ node, catalog }: { node: ExplainedNode; catalog: Catalog }) {
  if ('all' in node || 'any' in node) {
    const group = node as { all?: ExplainedNode[]; any?: ExplainedNode[]; pass: boolean };
    const children = group.all ?? group.any ?? [];
    return (
      <li>
        <Verdict pass={node.pass} /> {'all' in node ? 'All of' : 'Any of'}
        <ul>
          {children.map((child, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: tree positions are the identity here
            <ExplainNode key={i} node={child} catalog={catalog} />
          ))}
        </ul>
      </li>
    );
  }
  if ('not' in node) {
    return (
      <li>
        <Verdict pass={node.pass} /> Not
        <ul>
          <ExplainNode node={(node as { not: ExplainedNode }).not} catalog={catalog} />
        </ul>
      </li>
    );
  }
  const leaf = node as ConditionLeaf & { actual?: unknown; pass: boolean };
  const field = resolveField(catalog, leaf.field);
  return (
    <li>
      <Verdict pass={leaf.pass} /> {summarizeLeaf(leaf, catalog)}{' '}
      <span className="muted">
        (is {leaf.actual === undefined || leaf.actual === null ? 'not set' : formatValue(leaf.actual, field)})
      </span>
    </li>
  );
}

/** Why one customer is in or out of a condition, rule by rule. */
export function ExplainTree({
  condition,
  customerId,
  catalog,
}: {
  condition: Condition;
  customerId: string | number;
  catalog: Catalog;
}) {
  const storeId = useStoreId();
  const explain = useQuery(segmentsQueries.explain(storeId, condition, customerId));
  if (explain.isPending) return <p className="muted small">Checking each rule…</p>;
  if (explain.isError) return <p className="muted small">Explanation unavailable: {explain.error.message}</p>;
  return (
    <div className="explain">
      <p className="small">
        <strong>{explain.data.matches ? 'In: matches the condition' : 'Out: does not match'}</strong>
      </p>
      <ul className="explain-tree">
        <ExplainNode node={explain.data.tree} catalog={catalog} />
      </ul>
    </div>
  );
}
