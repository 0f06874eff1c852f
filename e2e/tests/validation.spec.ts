import { expect, test } from '@playwright/test';
import { connect, dropNode } from '../support/canvas';
import { newWorkflow } from '../support/workflows';

// Issue 7: a validation error is shown on the node and in the issues panel, blocks Publish, and goes
// away once fixed.
test('an unreachable action is flagged, blocks publishing, and is fixed by connecting it', async ({
  page,
}) => {
  await newWorkflow(page, 'Validation journey');
  const trigger = await dropNode(page, 'trigger.customer_created', 420, 80);
  const action = await dropNode(page, 'action.add_tags', 420, 300);

  const publishButton = page.getByRole('button', { name: 'Publish', exact: true });
  await expect(publishButton).toBeDisabled();
  const issues = page.getByRole('region', { name: 'Issues' });
  await expect(issues).toContainText('to fix before publishing');
  await expect(action.getByRole('img', { name: /issue/ })).toBeVisible();
  await page.screenshot({ path: '.artifacts/validation-error.png' });

  await connect(page, trigger, action);
  await action.click();
  await page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Tags').fill('newsletter');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Ready to publish: no problems found')).toBeVisible();
  await expect(publishButton).toBeEnabled();
  await expect(action.getByRole('img', { name: /issue/ })).toHaveCount(0);
});
