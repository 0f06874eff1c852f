import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationIssueSchema } from './issues';
import { nodeTypes } from './node-catalog';
import { validateWorkflow } from './validate-workflow';

const ids = fc.constantFrom('a', 'b', 'c', 't', '');
const fieldIds = fc.constantFrom(
  'customer.lifetimeSpend',
  'customer.tags',
  'order.total',
  'purchase.sku',
  'segment',
  'customer.attributes.x',
  'nope',
);
const looseLeaf = fc.record(
  { field: fieldIds, op: fc.string({ maxLength: 12 }), value: fc.jsonValue({ maxDepth: 2 }) },
  { requiredKeys: [] },
);
const looseCondition = fc.letrec<{ c: unknown }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small' },
    looseLeaf,
    fc.record({ all: fc.array(tie('c'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('c'), { maxLength: 3 }) }),
    fc.record({ not: tie('c') }),
    fc.jsonValue({ maxDepth: 2 }),
  ),
})).c;
const config = fc.oneof(
  fc.dictionary(
    fc.constantFrom('condition', 'cases', 'group', 'tags', 'percentA', 'hours', 'until', 'reentry', 'url'),
    fc.oneof(looseCondition, fc.jsonValue({ maxDepth: 3 })),
  ),
  fc.record({ condition: looseCondition }),
  fc.jsonValue({ maxDepth: 2 }),
);
/** Graph-shaped JSON: mostly right, often subtly wrong. */
const graphish = fc.record(
  {
    schemaVersion: fc.oneof(fc.constant(1), fc.constant(0), fc.jsonValue({ maxDepth: 1 })),
    nodes: fc.array(
      fc.record(
        {
          id: ids,
          type: fc.oneof(fc.constantFrom(...nodeTypes), fc.string({ maxLength: 8 })),
          position: fc.oneof(fc.constant({ x: 0, y: 0 }), fc.jsonValue({ maxDepth: 1 })),
          config,
          data: config,
        },
        { requiredKeys: ['id', 'type'] },
      ),
      { maxLength: 6 },
    ),
    edges: fc.array(
      fc.record(
        {
          id: ids,
          source: ids,
          target: ids,
          sourceHandle: fc.oneof(
            fc.constantFrom('true', 'false', 'a', 'next', 'default'),
            fc.constant(null),
            fc.jsonValue({ maxDepth: 1 }),
          ),
        },
        { requiredKeys: ['id', 'source', 'target'] },
      ),
      { maxLength: 8 },
    ),
  },
  { requiredKeys: [] },
);

describe('validateWorkflow (fuzz)', () => {
  it('never throws on arbitrary JSON and always answers well-formed issues', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), graphish), (raw) => {
        const issues = validateWorkflow(raw);
        for (const issue of issues) expect(ValidationIssueSchema.parse(issue)).toEqual(issue);
        expect(issues.some((i) => i.code === 'internal_error')).toBe(false);
      }),
      { numRuns: 1500 },
    );
  }, 60_000);
});
