import { describe, expect, it } from 'vitest';
import type { Condition } from '../../workflows/graph';
import {
  appendAt,
  asRootGroup,
  countLeaves,
  removeAt,
  setGroupKind,
  toggleNot,
  updateAt,
} from './condition-tree';

const spend: Condition = { field: 'customer.lifetimeSpend', op: 'gt', value: 500000 };
const texas: Condition = { field: 'customer.state', op: 'eq', value: 'TX' };

describe('condition tree edits', () => {
  it('appends to nested groups by path without touching the input', () => {
    const root: Condition = { all: [spend, { any: [] }] };
    const next = appendAt(root, [1], texas);
    expect(next).toEqual({ all: [spend, { any: [texas] }] });
    expect(root).toEqual({ all: [spend, { any: [] }] });
  });

  it('switches a group between all and any keeping its rules', () => {
    expect(setGroupKind({ all: [spend, texas] }, [], 'any')).toEqual({ any: [spend, texas] });
  });

  it('wraps a rule in not and unwraps it again', () => {
    const wrapped = toggleNot({ all: [spend] }, [0]);
    expect(wrapped).toEqual({ all: [{ not: spend }] });
    expect(toggleNot(wrapped, [0])).toEqual({ all: [spend] });
  });

  it('edits and removes rules inside not', () => {
    const root: Condition = { all: [{ not: texas }] };
    expect(updateAt(root, [0, 0], () => spend)).toEqual({ all: [{ not: spend }] });
    expect(removeAt({ all: [spend, texas] }, [0])).toEqual({ all: [texas] });
  });

  it('always gives the builder a root group and counts leaves', () => {
    expect(asRootGroup(spend)).toEqual({ all: [spend] });
    expect(asRootGroup(undefined)).toEqual({ all: [] });
    expect(countLeaves({ all: [spend, { any: [texas, { not: spend }] }] })).toBe(3);
  });
});
