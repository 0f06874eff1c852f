import { expect, test } from '@playwright/test';
import { storeId } from '../support/api';
import { createWorkflowViaApi } from '../support/workflows';

const graph = {
  schemaVersion: 1,
  nodes: [{ id: 't1', type: 'trigger.order_created', position: { x: 200, y: 80 }, config: {} }],
  edges: [],
};

// Issue 7: a stale save (409) keeps the local changes and offers reload or overwrite.
test('a save over someone else’s newer revision keeps local changes and can overwrite', async ({
  page,
  request,
}) => {
  const workflow = await createWorkflowViaApi(request, 'Conflict journey', graph);
  await page.goto(`/workflows/${workflow.id}`);
  await expect(page.getByTestId('node-t1')).toBeVisible();

  // Someone else saves a newer revision meanwhile.
  const other = await request.put(`/api/stores/${storeId}/workflows/${workflow.id}`, {
    data: { name: 'Renamed elsewhere', graph, revision: workflow.revision },
  });
  expect(other.status()).toBe(200);

  await page.getByLabel('Workflow name').fill('My local name');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'Someone else saved this workflow' });
  await expect(banner).toBeVisible();
  await expect(page.getByLabel('Workflow name')).toHaveValue('My local name');
  await page.screenshot({ path: '.artifacts/stale-save.png' });

  await banner.getByRole('button', { name: 'Overwrite with mine' }).click();
  await expect(banner).toHaveCount(0);
  await expect
    .poll(async () => {
      const saved = await request.get(`/api/stores/${storeId}/workflows/${workflow.id}`);
      return (await saved.json()).name;
    })
    .toBe('My local name');
});
