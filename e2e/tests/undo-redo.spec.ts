import { expect, test } from '@playwright/test';
import { dropNode } from '../support/canvas';
import { inspector, newWorkflow } from '../support/workflows';

// Issue 7: undo and redo over graph changes and config edits, by keyboard and toolbar.
test('undo and redo restore added nodes and config edits', async ({ page }) => {
  await newWorkflow(page, 'Undo journey');
  const nodes = page.locator('[data-testid^="node-"]');
  await dropNode(page, 'trigger.order_created', 420, 80);
  const action = await dropNode(page, 'action.assign_group', 420, 280);
  await expect(nodes).toHaveCount(2);

  await action.click();
  await inspector(page).getByLabel('Group').fill('Gold');
  await expect(action).toContainText('Group: Gold');

  await page.getByTestId('canvas').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('Control+z');
  await expect(action).not.toContainText('Group: Gold');
  await page.keyboard.press('Control+z');
  await expect(nodes).toHaveCount(1);

  await page.keyboard.press('Control+Shift+z');
  await expect(nodes).toHaveCount(2);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.locator('[data-testid^="node-"]', { hasText: 'Group: Gold' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('[data-testid^="node-"]', { hasText: 'Group: Gold' })).toHaveCount(0);
});
