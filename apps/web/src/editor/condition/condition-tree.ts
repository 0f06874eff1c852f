import type { Condition, ConditionLeaf, Operator } from '../../workflows/graph';

/**
 * Pure edits of a condition tree, addressed by a path of child indexes. The builder calls these;
 * each returns a new tree and leaves the input untouched.
 */

/** A path from the root: each step is the index of a child in an all/any group (0 for `not`). */
export type ConditionPath = readonly number[];

/** Which kind a node of the tree is. */
export type ConditionKind = 'all' | 'any' | 'not' | 'leaf';

/** The kind of a condition node. */
export function kindOf(condition: Condition): ConditionKind {
  if ('all' in condition && Array.isArray(condition.all)) return 'all';
  if ('any' in condition && Array.isArray(condition.any)) return 'any';
  if ('not' in condition && condition.not && typeof condition.not === 'object') return 'not';
  return 'leaf';
}

/** The children of a group (one for `not`, none for a leaf). */
export function childrenOf(condition: Condition): Condition[] {
  const kind = kindOf(condition);
  if (kind === 'all') return (condition as { all: Condition[] }).all;
  if (kind === 'any') return (condition as { any: Condition[] }).any;
  if (kind === 'not') return [(condition as { not: Condition }).not];
  return [];
}

function withChildren(condition: Condition, children: Condition[]): Condition {
  const kind = kindOf(condition);
  if (kind === 'all') return { all: children };
  if (kind === 'any') return { any: children };
  if (kind === 'not') return { not: children[0] ?? { all: [] } };
  return condition;
}

/** Replaces the node at `path` with `update(node)`. */
export function updateAt(
  root: Condition,
  path: ConditionPath,
  update: (node: Condition) => Condition,
): Condition {
  if (path.length === 0) return update(root);
  const [head, ...rest] = path as [number, ...number[]];
  const children = childrenOf(root);
  const child = children[head];
  if (!child) return root;
  const next = children.slice();
  next[head] = updateAt(child, rest, update);
  return withChildren(root, next);
}

/** Removes the node at `path` (the root cannot be removed; it is emptied instead). */
export function removeAt(root: Condition, path: ConditionPath): Condition {
  if (path.length === 0) return { all: [] };
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1]!;
  return updateAt(root, parentPath, (parent) => {
    if (kindOf(parent) === 'not') return { all: [] };
    return withChildren(
      parent,
      childrenOf(parent).filter((_, i) => i !== index),
    );
  });
}

/** Appends `child` to the group at `path`. */
export function appendAt(root: Condition, path: ConditionPath, child: Condition): Condition {
  return updateAt(root, path, (group) =>
    kindOf(group) === 'leaf' || kindOf(group) === 'not'
      ? group
      : withChildren(group, [...childrenOf(group), child]),
  );
}

/** Switches a group between all (and) and any (or), keeping its children. */
export function setGroupKind(root: Condition, path: ConditionPath, kind: 'all' | 'any'): Condition {
  return updateAt(root, path, (group) =>
    kind === 'all' ? { all: childrenOf(group) } : { any: childrenOf(group) },
  );
}

/** Wraps the node at `path` in `not`, or unwraps it when it already is one. */
export function toggleNot(root: Condition, path: ConditionPath): Condition {
  return updateAt(root, path, (node) =>
    kindOf(node) === 'not' ? (node as { not: Condition }).not : { not: node },
  );
}

/** A fresh leaf over `field` with its first operator. */
export function newLeaf(field: string, op: string): ConditionLeaf {
  return { field, op: op as Operator, value: null };
}

/** Ensures a root group, so the builder always has somewhere to add rules. */
export function asRootGroup(condition: Condition | undefined | null): Condition {
  if (!condition) return { all: [] };
  return kindOf(condition) === 'leaf' ? { all: [condition] } : condition;
}

/** Number of leaves in the tree. */
export function countLeaves(condition: Condition): number {
  return kindOf(condition) === 'leaf' ? 1 : childrenOf(condition).reduce((n, c) => n + countLeaves(c), 0);
}
