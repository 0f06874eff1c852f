import type { ValidationIssue } from '../workflows/graph';

const REPLACEMENTS: Array<[RegExp, string]> = [
  [/Too small: expected string to have >=1 characters?/g, 'is required'],
  [/Too small: expected array to have >=1 items?/g, 'needs at least one entry'],
  [/Invalid input: expected (\w+), received undefined/g, 'is required'],
];

/**
 * An issue in the marketer's words: node ids in quotes become the node's title, and the schema's
 * terse messages ("Too small: expected string …") become "is required".
 */
export function describeIssue(
  issue: ValidationIssue,
  titleOf: (nodeId: string) => string | undefined,
): string {
  let text = issue.message.replace(/"([^"]+)"/g, (match, id: string) => {
    const title = titleOf(id);
    return title ? `“${title}”` : match;
  });
  for (const [pattern, replacement] of REPLACEMENTS) text = text.replace(pattern, replacement);
  return text;
}
