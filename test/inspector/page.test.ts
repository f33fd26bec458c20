import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type InspectServer, startInspectServer } from '../../src/inspector/server';
import { mtaFixture, signedMtaRequest } from '../../src/testing';

// The page in a real browser: Debian's Chromium, driven by playwright-core. One browser for the whole file.
const CHROMIUM = '/usr/bin/chromium';
const SECRET = 'inspector-test-secret-0f9e8d7c6b5a';
const describeWithBrowser = existsSync(CHROMIUM) || process.env.REQUIRE_BROWSER ? describe : describe.skip;

describeWithBrowser('the inspector page in Chromium', () => {
  let browser: Browser;
  let app: Server;
  let inspect: InspectServer;
  let page: Page;
  const appGot: string[] = [];
  // While set, the app holds its answers until this settles.
  let appHolds: Promise<void> | undefined;

  beforeAll(async () => {
    // The user's app behind --forward: it records the bytes it got and answers in its own way.
    app = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += String(chunk)));
      req.on('end', () => {
        appGot.push(body);
        void (appHolds ?? Promise.resolve()).then(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"app":"stored it"}'));
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks/mta`;
    inspect = await startInspectServer({ port: 0, host: '127.0.0.1', secret: SECRET, signingKey: 'k'.repeat(32), forward: { mta: appUrl }, keep: 500, echo: false });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    await page.goto(`${inspect.url.replace('127.0.0.1', 'localhost')}/`);
    await page.waitForSelector('body[data-live="1"]');
  });

  afterAll(async () => {
    await browser?.close();
    await inspect?.close();
    app?.closeAllConnections();
    await new Promise((resolve) => app?.close(resolve));
  });

  const post = (headers: Record<string, string>, body: string | Buffer) => fetch(`${inspect.url}/webhooks/mta`, { method: 'POST', headers, body });

  it('shows a signed delivery live, with the verdict, masked signature and the app’s answer beside ours', async () => {
    const sent = signedMtaRequest(mtaFixture('delivery-status'), SECRET);
    expect((await post(sent.headers, sent.body)).status).toBe(200);
    const row = page.locator('[data-testid=row]').first();
    await row.locator('[data-testid=verdict]', { hasText: '200' }).waitFor();
    await row.click();
    await page.locator('[data-testid=detail-verdict]', { hasText: 'delivery-status : 200' }).waitFor();
    const headers = await page.locator('[data-testid=headers]').textContent();
    expect(headers).toContain('x-signature: ');
    expect(headers).toContain('(64 characters)');
    expect(await page.content()).not.toContain(sent.headers['X-Signature']);
    await page.locator('[data-testid=forward-answer]', { hasText: '{"app":"stored it"}' }).waitFor();
    expect(appGot).toEqual([sent.body]);
  });

  it('shows a forged delivery with its code and why it failed', async () => {
    const body = JSON.stringify(mtaFixture('message-reply'));
    const sent = signedMtaRequest(body, SECRET);
    await post({ ...sent.headers, 'X-Signature': `sha256=${sent.headers['X-Signature']}` }, body);
    await page.locator('[data-testid=row]').first().locator('[data-testid=verdict]', { hasText: '401 signature.invalid' }).waitFor();
    await page.locator('[data-testid=row]').first().click();
    await page.locator('[data-testid=diagnosis]', { hasText: '"sha256=" prefix' }).waitFor();
  });

  it('replays the first delivery: a second row, marked as a replay', async () => {
    await page.locator('[data-testid=row][data-id="1"]').click();
    await page.locator('[data-testid=replay]').click();
    const replay = page.locator('[data-testid=row]', { hasText: 'replay of #1' });
    await replay.waitFor();
    expect(await replay.locator('[data-testid=verdict]').textContent()).toBe('200 duplicate');
    if (process.env.UPDATE_SCREENSHOT) {
      mkdirSync('docs', { recursive: true });
      await page.locator('[data-testid=row][data-id="2"]').click();
      await page.screenshot({ path: 'docs/inspector.png' });
    }
  });

  it('sends a sample chosen in the menu', async () => {
    await page.selectOption('#sample-event', 'mta message-send');
    await page.selectOption('#sample-version', '1');
    await page.locator('[data-testid=send-sample]').click();
    await page.locator('[data-testid=row]', { hasText: 'sample' }).first().locator('[data-testid=verdict]', { hasText: '200' }).waitFor();
  });

  it('shows a delivery that arrived after the list loaded but before the live stream connected', async () => {
    const late = await browser.newPage();
    try {
      // The stream is held back until a delivery has arrived that only the list can show.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await late.route('**/api/stream', async (route) => {
        await held;
        await route.continue();
      });
      await late.goto(`${inspect.url.replace('127.0.0.1', 'localhost')}/`);
      await late.locator('#keep', { hasText: 'Keeps the last' }).waitFor();
      const sent = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: 'between-list-and-stream' } }), SECRET);
      expect((await post(sent.headers, sent.body)).status).toBe(200);
      const id = (await (await fetch(`${inspect.url.replace('127.0.0.1', 'localhost')}/api/deliveries`)).json() as { deliveries: { id: number }[] }).deliveries[0]!.id;
      release();
      await late.waitForSelector('body[data-live="1"]');
      await late.locator(`[data-testid=row][data-id="${id}"]`).waitFor();
    } finally {
      await late.close();
    }
  });

  it('shows a delivery it learns of only from an update (the app answered), when its list was made before it', async () => {
    const stale = await browser.newPage();
    let releaseApp!: () => void;
    appHolds = new Promise<void>((resolve) => (releaseApp = resolve));
    try {
      const sent = signedMtaRequest(mtaFixture('delivery-status', { overrides: { messageId: 'known-only-from-update' } }), SECRET);
      expect((await post(sent.headers, sent.body)).status).toBe(200);
      const id = (await (await fetch(`${inspect.url.replace('127.0.0.1', 'localhost')}/api/deliveries`)).json() as { deliveries: { id: number }[] }).deliveries[0]!.id;
      // Every list this page loads is one made before the delivery arrived; the stream never sends it as new.
      await stale.route('**/api/deliveries', async (route) => {
        const answer = await route.fetch();
        const info = (await answer.json()) as { deliveries: { id: number }[] };
        await route.fulfill({ response: answer, json: { ...info, deliveries: info.deliveries.filter((delivery) => delivery.id !== id) } });
      });
      await stale.goto(`${inspect.url.replace('127.0.0.1', 'localhost')}/`);
      await stale.waitForSelector('body[data-live="1"]');
      expect(await stale.locator(`[data-testid=row][data-id="${id}"]`).count()).toBe(0);
      releaseApp();
      const row = stale.locator(`[data-testid=row][data-id="${id}"]`);
      await row.waitFor();
      await row.click();
      await stale.locator('[data-testid=forward-answer]', { hasText: '{"app":"stored it"}' }).waitFor();
    } finally {
      appHolds = undefined;
      releaseApp();
      await stale.close();
    }
  });

  it('says on the page when the list cannot be loaded, rather than showing "live" over stale rows', async () => {
    const broken = await browser.newPage();
    try {
      await broken.route('**/api/deliveries', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"down"}' }));
      await broken.goto(`${inspect.url.replace('127.0.0.1', 'localhost')}/`);
      await broken.locator('#live', { hasText: 'list not loaded (the list answered 500)' }).waitFor();
      expect(await broken.getAttribute('body', 'data-live')).toBeNull();
    } finally {
      await broken.close();
    }
  });
});
