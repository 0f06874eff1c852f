import { describe, expect, it } from 'vitest';
import { describeIssue } from './issue-text';

describe('issue text', () => {
  it('names nodes by their title instead of their id', () => {
    const text = describeIssue(
      { code: 'unreachable_node', message: 'Node "a_1" cannot be reached from a trigger', nodeId: 'a_1' },
      (id) => (id === 'a_1' ? 'Assign group' : undefined),
    );
    expect(text).toBe('Node “Assign group” cannot be reached from a trigger');
  });

  it('turns schema wording into plain words', () => {
    const text = describeIssue(
      {
        code: 'invalid_config',
        message: 'Assign group: group: Too small: expected string to have >=1 characters',
        nodeId: 'a',
      },
      () => undefined,
    );
    expect(text).toBe('Assign group: group: is required');
  });
});
