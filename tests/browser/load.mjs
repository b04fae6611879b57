// load.mjs SITE_DIR -- the time to show a lesson of an unpacked html bundle
// opened from file:// in Chromium: from the start of navigation to the
// lesson's body in the page (the page's own clock), the median and worst
// of several fresh pages.  A figure for
// make bench, not a test: it prints one line and fails only if the page
// does not show the lesson.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { launch } from './lib.mjs';

const site = process.argv[2];
if (!site) {
  console.error('usage: node load.mjs SITE_DIR');
  process.exit(2);
}
const runs = Number(process.env.LOAD_RUNS || 9);
const url = pathToFileURL(path.resolve(site, 'index.html')).href;
const browser = await launch();
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const warm = await ctx.newPage();
  await warm.goto(url);
  const id = await warm.evaluate(() => window.TIKU_DATA.lessons[0].id);
  await warm.close();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const page = await ctx.newPage();
    // the page's own clock: from the start of navigation to the lesson
    // drawn, without the driver's round trips
    await page.addInitScript(() => {
      new MutationObserver((_, o) => {
        if (document.querySelector('article.lesson-body h1')) {
          window.__shown = performance.now();
          o.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url + '#lesson/' + encodeURIComponent(id));
    await page.locator('article.lesson-body h1').first().waitFor();
    await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r())));
    times.push(Math.round(await page.evaluate(() => window.__shown)));
    await page.close();
  }
  times.sort((a, b) => a - b);
  console.log(`page load of a lesson from file:// in Chromium: median ${times[times.length >> 1]} ms,` +
    ` worst ${times[times.length - 1]} ms over ${runs} fresh pages (goal < 200 ms)`);
} finally {
  await browser.close();
}
