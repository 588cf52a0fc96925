// Browser tests of the web app: Playwright (playwright-core) drives
// Debian's Chromium headless against `storyline serve` on loopback.
// Usage: node run.mjs BASE_URL OUT_DIR
// Exit 0 when every check passed; prints one line per check.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });

let failures = 0;
function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`);
  if (!ok) failures++;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update',
         '--disable-sync'],
});

async function newPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('dialog', async (d) => { problems.push('dialog: ' + d.message()); await d.dismiss(); });
  return { page, problems };
}

// axe-core: no serious or critical violations.
async function axe(page, name) {
  // The page's CSP forbids inline scripts; evaluate() runs in the page's
  // isolated world through the DevTools protocol, which CSP does not block.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(bad.length === 0, `axe ${name}: no serious or critical violations`,
        bad.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`).join('; '));
  return result.violations.length;
}

try {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1200, height: 900 } });
    const { page, problems } = await newPage(context);

    // Front page.
    const res = await page.goto(base + '/');
    check(res.status() === 200, `${scheme}: front page loads`);
    const stories = await page.locator('ol.stories > li').count();
    check(stories >= 10, `${scheme}: front page lists stories`, `${stories}`);
    await page.screenshot({ path: `${out}/front-${scheme}.png`, fullPage: true });
    if (scheme === 'light') await axe(page, 'front page');
    // Keyboard: the first Tab lands on the skip link, Enter moves to main.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.className);
    check(focused === 'skip', `${scheme}: keyboard focus starts at the skip link`, focused);

    // Open the top story by clicking its headline.
    const first = page.locator('ol.stories > li h2 a').first();
    const headline = (await first.textContent()).trim();
    await Promise.all([page.waitForURL(/\/s\/[0-9a-f]+$/), first.click()]);
    check((await page.locator('h1').textContent()).trim() === headline,
          `${scheme}: story page opens from the front page`, headline);
    for (const section of ['Sources', 'Timeline', 'Stories about this story', 'All related articles', 'External resources']) {
      check(await page.locator('h2', { hasText: section }).count() > 0, `${scheme}: story page has "${section}"`);
    }
    await page.screenshot({ path: `${out}/story-${scheme}.png`, fullPage: true });
    if (scheme === 'light') await axe(page, 'story page');

    // Follow the story (a form post; the cookie lives in this context).
    if (scheme === 'light') {
      const [followed] = await Promise.all([
        page.waitForNavigation(), page.click('form.follow button')]);
      check(followed && followed.status() === 200, 'follow form posts and returns to the story',
            followed ? `${followed.status()} ${followed.url()}` : 'no navigation');
      check((await page.locator('form.follow button').textContent()).includes('Unfollow'),
            'follow button follows the story');
      await page.goto(base + '/following');
      check(await page.locator('main li a', { hasText: headline }).count() === 1,
            'the followed story is listed under Following');
      await page.goBack();
    }

    // Follow a citation: the URL gets the anchor and the source entry is shown.
    const cite = page.locator('a.cite').first();
    const href = await cite.getAttribute('href');
    await cite.click();
    await page.waitForFunction((h) => location.hash === h, href);
    const target = page.locator(href);
    check(await target.isVisible(), `${scheme}: citation ${href} jumps to its source entry`);
    const inView = await target.evaluate((el) => {
      const r = el.getBoundingClientRect();
      // Scrolled to the top, the box may sit a sub-pixel above 0.
      return r.top >= -1 && r.top < window.innerHeight ? true : `top ${r.top} of ${window.innerHeight}`;
    });
    check(inView === true, `${scheme}: the cited source is scrolled into view`, `${inView} ${headline}`);

    // Search through the form.
    await page.fill('#q', 'bridge');
    await Promise.all([page.waitForURL(/\/search\?q=bridge/), page.press('#q', 'Enter')]);
    const hits = await page.locator('ol.hits > li').count();
    check(hits > 0, `${scheme}: search finds results`, `${hits}`);
    if (scheme === 'light') await axe(page, 'search page');

    // Open the story's feed through its visible link.
    await page.goBack();
    const feedHref = await page.locator('footer a[href$=".atom"]').first().getAttribute('href');
    const feed = await page.request.get(base + feedHref);
    check(feed.status() === 200 && feed.headers()['content-type'].startsWith('application/atom+xml'),
          `${scheme}: story feed link serves Atom`, feedHref);
    check((await feed.text()).includes('<feed xmlns="http://www.w3.org/2005/Atom">'),
          `${scheme}: feed is an Atom document`);
    check(await page.locator('link[rel="alternate"][type="application/atom+xml"]').count() === 1,
          `${scheme}: story page advertises its feed`);

    check(problems.length === 0, `${scheme}: no console errors or dialogs`, problems.join(' | '));
    await context.close();
  }

  // The hostile fixture story: nothing runs, no dialog opens.
  {
    const context = await browser.newContext();
    const { page, problems } = await newPage(context);
    await page.goto(base + '/search?q=ostrava');
    const link = page.locator('ol.hits a[href^="/s/"]').first();
    check(await link.count() === 1, 'hostile story is found by search');
    await Promise.all([page.waitForURL(/\/s\//), link.click()]);
    const h1 = await page.locator('h1').textContent();
    check(h1.includes('<svg onload=') || h1.includes("<script>alert('t1')"),
          'hostile title is shown as text', h1);
    const injected = await page.evaluate(() =>
      document.querySelectorAll('main script, main svg[onload], main img[onerror], a[href^="javascript:" i]').length);
    check(injected === 0, 'no injected element or javascript: link on the story page');
    const hrefs = await page.locator('ol.sources a[href^="/a/"]').evaluateAll(
      (as) => as.map((a) => a.getAttribute('href')));
    check(hrefs.length === 2, 'hostile story cites both fixture articles', `${hrefs.length}`);
    for (const href of hrefs) {
      await page.goto(base + href);
      const n = await page.evaluate(() =>
        document.querySelectorAll('main script, [onerror], [onload], a[href^="javascript:" i]').length);
      check(n === 0, `hostile article ${href} renders inert`);
    }
    check(problems.length === 0, 'hostile pages: no console errors or dialogs', problems.join(' | '));
    await context.close();
  }

  // JavaScript off: the story page is complete.
  {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.locator('ol.stories > li h2 a').first().click();
    await page.waitForURL(/\/s\//);
    check(await page.locator('ol.sources > li').count() > 0, 'JavaScript off: story page complete');
    await context.close();
  }

  // A phone-sized screen: no story page scrolls sideways (long unbroken
  // URLs and words wrap).
  {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(base + '/');
    const links = await page.locator('ol.stories > li h2 a').evaluateAll(
      (as) => as.map((a) => a.getAttribute('href')));
    const wide = [];
    for (const href of links) {
      await page.goto(base + href);
      const over = await page.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (over > 0) wide.push(`${href} (+${over}px)`);
    }
    check(links.length > 0 && wide.length === 0,
          '360px screen: no story page scrolls sideways', wide.join(' '));
    await context.close();
  }

  // Print style hides navigation.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.emulateMedia({ media: 'print' });
    check(!(await page.locator('header.site form').isVisible()), 'print style hides the search form');
    await context.close();
  }
} catch (e) {
  check(false, 'browser test crashed', String(e && e.stack || e));
} finally {
  await browser.close();
}
console.log(failures === 0 ? 'browser tests: all passed' : `browser tests: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
