import { type CustomerFacts, compileCondition } from '@segflow/engine';
import { makeCustomerFacts } from '@segflow/engine/testing';
import { ATTRIBUTE_PREFIX, type ConditionLeaf } from '@segflow/schema';
import type { CodedColumn } from './coded-column';
import type { CodedText, CustomerColumns } from './customer-columns';

/** Fields read from exactly one coded text column (`customer.age` reads only the birth date). */
const textFields: Record<string, CodedText> = {
  'customer.firstName': 'firstName',
  'customer.lastName': 'lastName',
  'customer.company': 'company',
  'customer.gender': 'gender',
  'customer.age': 'birthDate',
  'customer.country': 'country',
  'customer.state': 'state',
  'customer.city': 'city',
  'customer.zip': 'zip',
  'customer.group': 'group',
};

/** A leaf decided per distinct value of one coded column. */
export interface CodedLeaf {
  column: CodedColumn<unknown>;
  /** One byte per code: 1 when a customer holding that value matches. */
  verdicts: (now: Date) => Uint8Array;
}

/**
 * The coded column a leaf reads and how a value of it becomes facts, or null when the leaf reads
 * something else. The leaf reads that one field only, so the engine's compiled leaf, asked once
 * per distinct value with facts holding just that value, gives every customer's verdict.
 */
export function codedLeaf(columns: CustomerColumns, leaf: ConditionLeaf): CodedLeaf | null {
  const text = textFields[leaf.field];
  if (text) return decided(columns.coded[text], leaf, (v) => ({ [text]: v }));
  if (leaf.field === 'customer.emailDomain') {
    // The domain is what follows the email's last '@': an email of just '@' + domain has it.
    return decided(columns.emailDomain, leaf, (v) => ({ email: v === null ? null : `@${v}` }));
  }
  if (leaf.field === 'customer.tags') return decided(columns.tags, leaf, (v) => ({ tags: v ?? [] }));
  if (leaf.field.startsWith(ATTRIBUTE_PREFIX)) {
    return decided(columns.attributes, leaf, (v) => ({ attributes: v ?? {} }));
  }
  return null;
}

function decided<T>(
  column: CodedColumn<T>,
  leaf: ConditionLeaf,
  facts: (value: T | null) => Partial<CustomerFacts>,
): CodedLeaf | null {
  // Nearly one value per customer (e.g. company names): asking per value saves nothing; scan instead.
  if (column.values.length > Math.max(4096, column.codes.length / 4)) return null;
  return {
    column: column as CodedColumn<unknown>,
    verdicts: (now) => {
      const predicate = compileCondition(leaf);
      const ctx = { now, event: null };
      const verdict = new Uint8Array(column.values.length);
      for (let code = 0; code < column.values.length; code++) {
        verdict[code] = predicate(makeCustomerFacts(facts(column.values[code]!)), ctx) ? 1 : 0;
      }
      return verdict;
    },
  };
}
