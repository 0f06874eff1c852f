import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../workflows/graph';
import { templates } from './templates';

describe('templates', () => {
  it('offers at least ten, each with a unique id', () => {
    expect(templates.length).toBeGreaterThanOrEqual(10);
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
  });

  it.each(templates.map((t) => [t.id, t] as const))('%s is publishable as it is', (_id, template) => {
    expect(validateWorkflow(template.graph)).toEqual([]);
  });
});
