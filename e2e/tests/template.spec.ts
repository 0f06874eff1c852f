import { expect, test } from '@playwright/test';
import { publish } from '../support/workflows';

// Issue 7: creating a workflow from the templates gallery.
test('a marketer starts from the VIP template and publishes it unchanged', async ({ page }) => {
  await page.goto('/workflows');
  await page.getByRole('link', { name: 'Start from a template' }).click();
  await expect(page.locator('[data-testid^="template-"]')).toHaveCount(12);
  await page.getByRole('button', { name: 'Use template VIP over $5,000' }).click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByText('Lifetime spend > $5,000')).toBeVisible();
  await expect(page.getByText('Ready to publish: no problems found')).toBeVisible();
  await publish(page, 1);
  await page.screenshot({ path: '.artifacts/template.png' });
});
