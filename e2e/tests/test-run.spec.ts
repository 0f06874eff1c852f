import { expect, test } from '@playwright/test';
import { postEvents } from '../support/api';
import { createWorkflowViaApi } from '../support/workflows';

const graph = {
  schemaVersion: 1,
  nodes: [
    { id: 't1', type: 'trigger.order_created', position: { x: 240, y: 40 }, config: {} },
    {
      id: 'c1',
      type: 'condition.if',
      position: { x: 240, y: 200 },
      config: { condition: { all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 500000 }] } },
    },
    { id: 'a1', type: 'action.assign_group', position: { x: 100, y: 380 }, config: { group: 'VIP member' } },
    { id: 'a2', type: 'action.add_tags', position: { x: 380, y: 380 }, config: { tags: ['regular'] } },
  ],
  edges: [
    { id: 'e1', source: 't1', target: 'c1' },
    { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
    { id: 'e3', source: 'c1', sourceHandle: 'false', target: 'a2' },
  ],
};

// Issue 7: a test run for a chosen customer lights up the path and lists would-be actions, changing nothing.
test('a test run for a new customer lights up the path not taken by big spenders, without acting', async ({
  page,
  request,
}) => {
  const externalId = `testrun-${Date.now()}`;
  await postEvents(request, [
    {
      id: `evt-${externalId}`,
      type: 'customer.created',
      occurredAt: new Date().toISOString(),
      customer: { externalId, email: `${externalId}@example.com`, firstName: 'Tess', lastName: 'Run' },
    },
  ]);
  const workflow = await createWorkflowViaApi(request, 'Test run journey', graph);
  await page.goto(`/workflows/${workflow.id}`);
  await page.getByRole('button', { name: 'Test run' }).click();
  const panel = page.getByRole('complementary', { name: 'Test run' });
  await expect(async () => {
    await panel.getByLabel('Customer').fill(externalId);
    await panel.getByRole('button', { name: 'Run test' }).click();
    await expect(panel.getByRole('region', { name: 'Test run result' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  const result = panel.getByRole('region', { name: 'Test run result' });
  await expect(result).toContainText('false');
  await expect(page.getByTestId('node-a2')).toContainText(/ok|would/i);
  await expect(page.getByTestId('node-a1')).not.toContainText(/ok|would/i);
  await page.screenshot({ path: '.artifacts/test-run.png' });
});
