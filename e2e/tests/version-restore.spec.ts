import { expect, test } from '@playwright/test';
import { createWorkflowViaApi, inspector, publish } from '../support/workflows';

const graph = (group: string) => ({
  schemaVersion: 1,
  nodes: [
    { id: 't1', type: 'trigger.order_created', position: { x: 240, y: 60 }, config: {} },
    { id: 'a1', type: 'action.assign_group', position: { x: 240, y: 240 }, config: { group } },
  ],
  edges: [{ id: 'e1', source: 't1', target: 'a1' }],
});

// Issue 7: version history lists published versions and restores one as the draft.
test('a published version is restored as the draft from the history panel', async ({ page, request }) => {
  const workflow = await createWorkflowViaApi(request, 'Restore journey', graph('Gold'));
  await page.goto(`/workflows/${workflow.id}`);
  await publish(page, 1);

  await page.getByTestId('node-a1').click();
  await inspector(page).getByLabel('Group').fill('Platinum');
  await expect(page.getByTestId('node-a1')).toContainText('Group: Platinum');
  await publish(page, 2);

  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('complementary', { name: 'Version history' });
  await expect(history.getByText('Version 2')).toBeVisible();
  await history.getByRole('button', { name: 'Restore version 1' }).click();
  await expect(history.getByText('Version 1 restored as the draft')).toBeVisible();
  await expect(page.getByTestId('node-a1')).toContainText('Group: Gold');
  await page.screenshot({ path: '.artifacts/version-restore.png' });
});
