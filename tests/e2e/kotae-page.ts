/**
 * Kotae in a site's page as the tests see it: the DOM contract, and helpers that
 * reach into Kotae's closed shadow roots the way assistive technology does (the
 * Chrome DevTools Protocol's accessibility tree).
 */
import type { BrowserContext, CDPSession, Frame, Page } from 'playwright-core';

export interface ContractHost {
  post: string;
  customer: string;
}

/** The DOM contract as other tools see it: one host per recognised post. */
export async function contractHosts(page: Page): Promise<ContractHost[]> {
  return page.$$eval('[data-kotae-post]', (hosts) =>
    hosts.map((host) => ({
      post: host.getAttribute('data-kotae-post') ?? '',
      customer: host.getAttribute('data-kotae-customer') ?? '',
    })),
  );
}

async function cdp(page: Page): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  await session.send('DOM.enable');
  await session.send('Accessibility.enable');
  return session;
}

export interface AxNode {
  backendNodeId: number;
  name: string;
  description: string;
}

/** Elements by role and accessible name, including inside closed shadow roots. */
export async function queryByRole(page: Page, role: string, name: string): Promise<AxNode[]> {
  const session = await cdp(page);
  try {
    const { root } = await session.send('DOM.getDocument', { depth: 0 });
    const { nodes } = await session.send('Accessibility.queryAXTree', {
      backendNodeId: root.backendNodeId,
      role,
      accessibleName: name,
    });
    return nodes
      .filter((node) => node.backendDOMNodeId !== undefined)
      .map((node) => ({
        backendNodeId: node.backendDOMNodeId!,
        name: String(node.name?.value ?? ''),
        description: String(node.description?.value ?? ''),
      }));
  } finally {
    await session.detach();
  }
}

/** Clicks an element found with `queryByRole`, as a mouse would. */
export async function clickNode(page: Page, node: AxNode): Promise<void> {
  const session = await cdp(page);
  try {
    await session.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
    const { model } = await session.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId });
    const [x1, y1, , , x3, y3] = model.content;
    const x = (x1! + x3!) / 2;
    const y = (y1! + y3!) / 2;
    for (const type of ['mousePressed', 'mouseReleased'] as const) {
      await session.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1 });
    }
  } finally {
    await session.detach();
  }
}

/** Moves keyboard focus to an element found with `queryByRole`. */
export async function focusNode(page: Page, node: AxNode): Promise<void> {
  const session = await cdp(page);
  try {
    await session.send('DOM.focus', { backendNodeId: node.backendNodeId });
  } finally {
    await session.detach();
  }
}

/** The badge button of one customer, once it exists. */
export async function waitForBadge(page: Page, who: string, timeoutMs = 10_000): Promise<AxNode> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [badge] = await queryByRole(page, 'button', `Kotae: ${who}`);
    if (badge) return badge;
    if (Date.now() > deadline) throw new Error(`No Kotae badge for ${who}`);
    await page.waitForTimeout(100);
  }
}

/** The customer panel: an extension-origin frame, reached through Playwright's frames. */
export async function panelFrame(page: Page, extensionId: string) {
  const handle = await page.waitForSelector('iframe[data-kotae-panel]');
  const frame = await handle.contentFrame();
  // A frame just added may still show about:blank for a moment.
  const deadline = Date.now() + 5_000;
  while (frame && !frame.url().startsWith(`chrome-extension://${extensionId}/`) && Date.now() < deadline) await page.waitForTimeout(20);
  if (!frame || !frame.url().startsWith(`chrome-extension://${extensionId}/`)) throw new Error('Panel frame missing');
  await frame.waitForLoadState('domcontentloaded');
  return frame;
}

/** The reply guide: an extension-origin frame beside the composer, once it has loaded. */
export async function guideFrame(page: Page, extensionId: string): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[data-kotae-guide]', { timeout: 10_000 });
  const frame = await handle.contentFrame();
  if (!frame?.url().startsWith(`chrome-extension://${extensionId}/guide.html`)) throw new Error('no guide frame');
  await frame.waitForLoadState('domcontentloaded');
  return frame;
}

/** Joins a team from the extension's popup, as a person does, and waits for the live link. */
export async function joinFromPopup(
  browser: { context: BrowserContext; extensionId: string | null },
  team: { serverUrl: string; code: string; name: string },
): Promise<void> {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.getByRole('textbox', { name: 'Server address' }).fill(team.serverUrl);
  await popup.getByRole('textbox', { name: 'Invite code' }).fill(team.code);
  await popup.getByRole('textbox', { name: 'Your name (shown to your team)' }).fill(team.name);
  await popup.getByRole('button', { name: 'Join team' }).click();
  await popup.getByText('Live updates on').waitFor({ timeout: 15_000 });
  await popup.close();
}

/** In the reply guide: picks the DM template by its code, in English, fills it and inserts it. */
export async function insertDmTemplate(guide: Frame): Promise<void> {
  const search = guide.getByRole('searchbox', { name: 'Search templates' });
  await search.fill('/dm');
  await search.press('Enter');
  await guide.getByRole('combobox', { name: 'Language' }).selectOption('en');
  await guide.getByRole('textbox', { name: 'Value for {detail}' }).fill('your order number');
  await guide.getByRole('button', { name: 'Insert into reply' }).click();
  await guide.getByRole('status').getByText(/Inserted/).waitFor();
}
