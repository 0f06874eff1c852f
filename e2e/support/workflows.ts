import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { storeId } from './api';

/** Opens the workflows list, creates a blank workflow with "New workflow" and names it. */
export async function newWorkflow(page: Page, name: string) {
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'New workflow' }).first().click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await page.getByLabel('Workflow name').fill(name);
}

/** Creates a workflow through the API (as another user or a script would) and returns it. */
export async function createWorkflowViaApi(request: APIRequestContext, name: string, graph: unknown) {
  const response = await request.post(`/api/stores/${storeId}/workflows`, { data: { name, graph } });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string; revision: number; graph: unknown };
}

/** The inspector panel on the right of the editor. */
export const inspector = (page: Page) => page.getByRole('complementary', { name: 'Inspector' });

/** Clicks Publish and waits for the published-version badge. */
export async function publish(page: Page, version: number) {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText(`Published v${version}`)).toBeVisible();
}
