// End-to-end check of herald's pages in headless Chromium, driven by playwright-core.
//
//   node test.mjs BASE_URL OUTDIR
//
// Loads the front page, opens an event, follows a citation to its source, searches,
// follows an article hit, and saves screenshots (OUTDIR/front.png, OUTDIR/event.png,
// OUTDIR/search.png). Exits non-zero with a message on the first failed check.
// The browser is /usr/bin/chromium (or $HERALD_CHROMIUM) with a fresh profile; nothing
// outside BASE_URL may be requested.

import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, outdir] = process.argv.slice(2);
if (!base || !outdir) {
  console.error('usage: node test.mjs BASE_URL OUTDIR');
  process.exit(2);
}
mkdirSync(outdir, { recursive: true });

function check(cond, what) {
  if (!cond) throw new Error(`check failed: ${what}`);
  console.log(`ok - ${what}`);
}

const profile = mkdtempSync(join(tmpdir(), 'herald-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.HERALD_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('data:')) problems.push(`external request: ${u}`);
  });

  // Front page.
  let response = await page.goto(`${base}/`);
  check(response.status() === 200, 'front page answers 200');
  check((await page.getAttribute('html', 'lang')) === 'en', 'front page declares its language');
  check(await page.locator('main#main').count() === 1, 'front page has a main landmark');
  check(await page.locator('nav[aria-label="Site"]').count() === 1, 'front page has site navigation');
  const cards = page.locator('article.card h2 a');
  check(await cards.count() > 0, 'front page lists events');
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement?.textContent) === 'Skip to content',
    'first Tab reaches the skip link');
  await page.screenshot({ path: join(outdir, 'front.png'), fullPage: false });

  // Event page.
  const title = (await cards.first().textContent()).trim();
  await cards.first().click();
  await page.waitForLoadState('load');
  check(/\/events\//.test(page.url()), 'an event link leads to an event page');
  check((await page.locator('h1').textContent()).trim() === title, 'event page shows the event title');
  const citations = page.locator('p.lede sup.cite a');
  check(await citations.count() > 0, 'summary sentences carry citations');
  check(await page.locator('svg.chart[role="img"]').count() > 0, 'fact history is drawn as an accessible chart');
  check(await page.locator('ol.sources > li[id^="source-"]').count() > 0, 'event page lists its sources');
  await page.screenshot({ path: join(outdir, 'event.png'), fullPage: true });

  // Follow a citation to the source text.
  const href = await citations.first().getAttribute('href');
  await citations.first().click();
  check(new URL(page.url()).hash === href, `citation ${href} becomes the page's fragment`);
  const target = page.locator(`li${href}`);
  check(await target.evaluate((el) => el.matches(':target')), 'the cited source is the :target');
  await target.locator('summary', { hasText: 'Read the cleaned text' }).click();
  const paragraph = target.locator('div.text p').first();
  check(await paragraph.isVisible(), 'the cited source text opens and is visible');
  check(((await paragraph.textContent()) || '').length > 20, 'the source text is there');

  // Search for a word of the title.
  const word = title.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 5)[0] || title.split(' ')[0];
  await page.fill('#site-q', word);
  await page.press('#site-q', 'Enter');
  await page.waitForURL(/\/search\?q=/);
  check(await page.locator('#events-h').count() === 1, `search for "${word}" shows an events section`);
  const found = page.locator('section[aria-labelledby="events-h"] article.card h3 a', { hasText: title });
  check(await found.count() > 0, 'search finds the event');
  const hits = page.locator('.hit h3 a');
  check(await hits.count() > 0, 'search finds articles');
  await page.screenshot({ path: join(outdir, 'search.png'), fullPage: false });
  await hits.first().click();
  await page.waitForLoadState('load');
  check(/\/events\/[^#]+#source-\d+$/.test(page.url()), 'an article hit leads to its place on the event page');

  check(problems.length === 0, `no console errors or external requests (${problems.join('; ')})`);
  console.log('browser test passed');
} catch (e) {
  console.error(e && e.stack ? e.stack : String(e));
  process.exitCode = 1;
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
