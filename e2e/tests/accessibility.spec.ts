import { expect, test } from '@playwright/test';
import { axeViolations, summarize } from '../support/axe';
import { createWorkflowViaApi } from '../support/workflows';

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
