import { expect, test } from '@playwright/test';
import { storeId } from '../support/api';
import { axeViolations, summarize } from '../support/axe';
import { createWorkflowViaApi, inspector } from '../support/workflows';

// Issue 7, item 3: the inspector's value pickers suggest the store's own data (with customer counts),
// and email fields show the server's Liquid rendering for a real customer of the store.
test('a marketer picks a state from the store’s data and previews the email for a real customer', async ({
  page,
  request,
}) => {
  const workflow = await createWorkflowViaApi(request, 'Inspector data journey', {
    schemaVersion: 1,
    nodes: [
      { id: 't1', type: 'trigger.customer_created', position: { x: 240, y: 40 }, config: {} },
      {
        id: 'c1',
        type: 'condition.if',
        position: { x: 240, y: 200 },
        config: { condition: { all: [{ field: 'customer.state', op: 'in', value: [] }] } },
      },
      {
        id: 'a1',
        type: 'action.send_email',
        position: { x: 100, y: 380 },
        config: {
          subject: 'Welcome, {{ customer.firstName }}!',
          body: '<p>Hello {{ customer.firstName }}</p>',
        },
      },
    ],
    edges: [
      { id: 'e1', source: 't1', target: 'c1' },
      { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
    ],
  });
  const states = await request.get(`/api/stores/${storeId}/field-values?field=customer.state`);
  const top = (await states.json()).values[0] as { value: string; count: number };
  const customers = await request.get(`/api/stores/${storeId}/customers?limit=1`);
  const first = (await customers.json()).items[0] as { firstName: string };
  expect(top.count).toBeGreaterThan(0);

  await page.goto(`/workflows/${workflow.id}`);
  await page.getByTestId('node-c1').click();
  const value = inspector(page).getByRole('combobox', { name: 'Value' });
  const suggestions = inspector(page).getByRole('listbox', { name: 'Value suggestions' });
  // Focus alone lists the store's states, the most common first.
  await value.click();
  await expect(suggestions.getByRole('option').first()).toContainText(`(${top.value})`);
  await page.screenshot({ path: '.artifacts/inspector-data-suggestions.png' });
  await value.fill(top.value);
  const option = suggestions.getByRole('option', {
    name: new RegExp(`\\(${top.value}\\).*${top.count.toLocaleString('en-US')} customers`),
  });
  await expect(option).toBeVisible();
  expect(summarize(await axeViolations(page))).toEqual([]);
  await option.click();
  await expect(
    inspector(page).getByRole('button', { name: new RegExp(`^Remove .*${top.value}`) }),
  ).toBeVisible();
  await expect(page.getByTestId('node-c1')).toContainText(top.value);

  await page.getByTestId('node-a1').click();
  const preview = inspector(page).getByRole('region', { name: 'Email preview' });
  await expect(preview.getByTestId('email-preview-subject')).toHaveText(`Welcome, ${first.firstName}!`);
  await expect(preview.frameLocator('iframe[title="Email body preview"]').locator('p')).toHaveText(
    `Hello ${first.firstName}`,
  );
  await page.screenshot({ path: '.artifacts/inspector-data-preview.png' });

  await inspector(page).getByLabel('Body').fill('{% if customer.firstName %}unclosed');
  await expect(preview.getByRole('alert')).toContainText('Template error in body');
  expect(summarize(await axeViolations(page))).toEqual([]);
});
