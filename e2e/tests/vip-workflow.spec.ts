import { expect, test } from '@playwright/test';
import { postEvents } from '../support/api';
import { connect, dropNode } from '../support/canvas';

// The first journey (issue 2): a marketer builds "lifetime spend over $5,000 → VIP member" by drag and
// drop, publishes it, switches it on; an order that takes a customer past $5,000 puts them in the group.
test('a marketer builds the VIP workflow and an order puts the customer in the VIP group', async ({
  page,
  request,
}) => {
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'New workflow' }).first().click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await page.getByLabel('Workflow name').fill('VIP over $5,000');

  const trigger = await dropNode(page, 'trigger.order_created', 360, 80);
  const condition = await dropNode(page, 'condition.if', 360, 260);
  const action = await dropNode(page, 'action.assign_group', 260, 460);
  await connect(page, trigger, condition);
  await connect(page, condition, action, 'true');
  await expect(page.locator('[data-testid^="rf__edge-"]')).toHaveCount(2);

  await condition.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  if ((await inspector.getByLabel('Field').count()) === 0) {
    await inspector.getByRole('button', { name: '+ Add rule' }).click();
  }
  await inspector.getByLabel('Field').selectOption({ label: 'Lifetime spend' });
  await inspector.getByLabel('Operator').selectOption('gt');
  await inspector.getByLabel('Value').fill('5000');
  await expect(condition).toContainText('$5,000');

  await action.click();
  await inspector.getByLabel('Group').fill('VIP member');
  await expect(action).toContainText('VIP member');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^(All changes saved|Saved)$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published v1')).toBeVisible();
  const active = page.getByRole('switch', { name: 'Active' });
  await active.click();
  await expect(active).toBeChecked();
  await page.screenshot({ path: '.artifacts/vip-workflow-editor.png' });

  // A new customer whose two orders add up to $6,000: the second takes her past $5,000.
  const email = `vip-${Date.now()}@example.com`;
  const customer = { externalId: `e2e-${Date.now()}`, email, firstName: 'Vera', lastName: 'Ip' };
  const order = (n: number, total: number) => ({
    id: `evt-${customer.externalId}-${n}`,
    type: 'order.created',
    occurredAt: new Date().toISOString(),
    customer,
    order: {
      externalId: `o-${customer.externalId}-${n}`,
      total,
      currency: 'USD',
      status: 'paid',
      createdAt: new Date().toISOString(),
      items: [
        {
          sku: 'IPH-15',
          productId: 'p-1',
          name: 'iPhone 15',
          category: 'Phones',
          brand: 'Apple',
          quantity: 1,
          unitPrice: total,
        },
      ],
    },
  });
  await postEvents(request, [order(1, 200_000), order(2, 400_000)]);

  await page.goto('/customers');
  await page.getByLabel('Search customers').fill(email);
  await page.getByRole('link', { name: 'Vera Ip' }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('customer-group')).toHaveText('Group: VIP member', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.screenshot({ path: '.artifacts/vip-customer.png' });
});
