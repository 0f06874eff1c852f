import { expect, type Locator, type Page } from '@playwright/test';

/** Drags a palette item onto the canvas pane at (x, y) and returns the new node's card. */
export async function dropNode(page: Page, nodeType: string, x: number, y: number): Promise<Locator> {
  const before = await nodeIds(page);
  await page
    .getByTestId(`palette-${nodeType}`)
    .dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
  await expect.poll(async () => (await nodeIds(page)).length).toBe(before.length + 1);
  const added = (await nodeIds(page)).find((id) => !before.includes(id));
  return page.getByTestId(`node-${added}`);
}

/** The ids of the node cards on the canvas (`data-testid="node-<id>"`). */
export async function nodeIds(page: Page): Promise<string[]> {
  const ids = await page
    .locator('[data-testid^="node-"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice('node-'.length)));
  return ids;
}

/** Connects `from`'s output (a named handle, or its single output) to `to`'s input, with the mouse. */
export async function connect(page: Page, from: Locator, to: Locator, handle?: string) {
  const fromId = await idOf(from);
  const toId = await idOf(to);
  const source = handle
    ? page.getByTestId(`handle-${fromId}-${handle}`)
    : page.locator(`[data-nodeid="${fromId}"][data-handlepos="bottom"]`);
  const target = page.locator(`[data-nodeid="${toId}"][data-handlepos="top"]`);
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

async function idOf(card: Locator): Promise<string> {
  return (await card.getAttribute('data-testid'))!.slice('node-'.length);
}
