import { createRequire } from 'node:module';
import { expect, type Page, test } from '@playwright/test';
import { createWorkflowViaApi } from '../support/workflows';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core (WCAG 2 A/AA rules) on the page and returns its violations. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

const summarize = (violations: AxeViolation[]) =>
  violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );

// Issue 7, item 10: axe-core checks are clean on the workflows list and the editor.
test('the workflows list and the editor have no WCAG A/AA violations', async ({ page, request }) => {
  const workflow = await createWorkflowViaApi(request, 'Accessibility journey', {
    schemaVersion: 1,
    nodes: [
      { id: 't1', type: 'trigger.order_created', position: { x: 240, y: 40 }, config: {} },
      {
        id: 'c1',
        type: 'condition.if',
        position: { x: 240, y: 200 },
        config: { condition: { all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 500000 }] } },
      },
      {
        id: 'a1',
        type: 'action.assign_group',
        position: { x: 100, y: 380 },
        config: { group: 'VIP member' },
      },
    ],
    edges: [
      { id: 'e1', source: 't1', target: 'c1' },
      { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
    ],
  });
  await page.goto('/workflows');
  await expect(page.getByRole('link', { name: 'Accessibility journey' })).toBeVisible();
  expect(summarize(await axeViolations(page))).toEqual([]);

  await page.goto(`/workflows/${workflow.id}`);
  await page.getByTestId('node-c1').click();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  expect(summarize(await axeViolations(page))).toEqual([]);
});
