import { expect, test } from '@playwright/test';
import { connect, dropNode } from '../support/canvas';
import { inspector, newWorkflow, publish } from '../support/workflows';

// Issue 7: building the Platinum / Gold / Silver tier switch from scratch, by drag and drop.
test('a marketer builds the tier switch from scratch and publishes it', async ({ page }) => {
  await newWorkflow(page, 'Spend tiers');
  // Zoom out so three actions fit side by side on a laptop-sized canvas.
  await page.getByRole('button', { name: 'zoom out' }).click();
  await page.getByRole('button', { name: 'zoom out' }).click();
  const trigger = await dropNode(page, 'trigger.order_created', 300, 50);
  const tiers = await dropNode(page, 'condition.switch', 300, 200);
  await connect(page, trigger, tiers);

  await tiers.click();
  const panel = inspector(page);
  await panel.getByRole('button', { name: '+ Add case' }).click();
  const cases: Array<[string, string, string]> = [
    ['Platinum', 'gt', '5000'],
    ['Gold', 'gte', '2000'],
  ];
  for (const [i, [label, op, dollars]] of cases.entries()) {
    const section = panel.getByRole('region', { name: `Case ${i + 1}` });
    await section.getByLabel(`Case ${i + 1} name`).fill(label);
    await section.getByRole('button', { name: '+ Add rule' }).click();
    await section.getByLabel('Field').selectOption({ label: 'Lifetime spend' });
    await section.getByLabel('Operator').selectOption(op);
    await section.getByLabel('Value').fill(dollars);
  }
  await expect(tiers).toContainText('Platinum · Gold · otherwise');

  const groups = ['Platinum', 'Gold', 'Silver'];
  // The switch's outputs, in order: one per case, then "otherwise".
  const handles = await tiers.evaluate((card) =>
    [...card.querySelectorAll('[data-handlepos="bottom"]')].map((h) => h.getAttribute('data-handleid')!),
  );
  expect(handles).toHaveLength(3);
  for (const [i, group] of groups.entries()) {
    const action = await dropNode(page, 'action.assign_group', 70 + i * 200, 420);
    await action.click();
    await inspector(page).getByLabel('Group').fill(group);
    await connect(page, tiers, action, handles[i]);
  }
  await expect(page.locator('[data-testid^="rf__edge-"]')).toHaveCount(4);
  await expect(page.getByText('Ready to publish: no problems found')).toBeVisible();
  await publish(page, 1);
  await page.screenshot({ path: '.artifacts/tier-switch.png' });
});
