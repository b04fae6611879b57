// load.mjs SITE_DIR -- the time to show a lesson of an unpacked html bundle
// opened from file:// in Chromium, beside two pages that bound it on the
// same machine at the same moment: the same lesson as a static page (its
// HTML and the bundle's stylesheet, no script) and an empty page.  The
// lesson is opened both ways a learner opens one: the site at the lesson
// (index.html#lesson/ID, drawn by the script) and the lesson's own page
// (lesson-ID.html, scripts included).  Each is
// timed by the page's own clock, from the start of navigation to the
// lesson's heading in the document, over fresh pages taken in turns so that
// a busy machine weighs on all of them alike.  A figure for make bench, not a
// test: it prints its lines and fails only if the page does not show the
// lesson.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { launch } from './lib.mjs';

const site = process.argv[2];
if (!site) {
  console.error('usage: node load.mjs SITE_DIR');
  process.exit(2);
}
const runs = Number(process.env.LOAD_RUNS || 9);
const file = f => pathToFileURL(path.resolve(site, f)).href;
const browser = await launch();
const made = [];
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const warm = await ctx.newPage();
  await warm.goto(file('index.html'));
  const first = await warm.evaluate(() => {
    const l = window.TIKU_DATA.lessons[0];
    return { id: l.id, title: l.title };
  });
  await warm.goto(file('index.html') + '#lesson/' + encodeURIComponent(first.id));
  await warm.locator('article.lesson-body h1').first().waitFor();
  const body = await warm.locator('article.lesson-body').first().evaluate(a => a.outerHTML);
  await warm.close();

  // the bounds, written beside index.html so that they load as it does
  const page = (name, html) => {
    const f = path.resolve(site, name);
    fs.writeFileSync(f, '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' + html);
    made.push(f);
    return pathToFileURL(f).href;
  };
  const urls = {
    lesson: file('lesson-' + encodeURIComponent(first.id) + '.html'),
    route: file('index.html') + '#lesson/' + encodeURIComponent(first.id),
    static: page('load-static.html', '<title>x</title><link rel="stylesheet" href="assets/tiku.css">' +
      '</head><body><main id="main">' + body + '</main></body></html>'),
    empty: page('load-empty.html', '<title>x</title></head><body>' +
      '<article class="lesson-body"><h1>x</h1></article></body></html>'),
  };
  const times = { lesson: [], route: [], static: [], empty: [] };
  for (let i = 0; i < runs; i++) {
    for (const k of Object.keys(urls)) {
      const p = await ctx.newPage();
      await p.addInitScript(() => {
        new MutationObserver((_, o) => {
          if (document.querySelector('article.lesson-body h1')) {
            window.__shown = performance.now();
            o.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await p.goto(urls[k]);
      await p.locator('article.lesson-body h1').first().waitFor();
      await p.evaluate(() => new Promise(r => requestAnimationFrame(() => r())));
      times[k].push(Math.round(await p.evaluate(() => window.__shown)));
      await p.close();
    }
  }
  const median = t => t.slice().sort((a, b) => a - b)[t.length >> 1];
  const worst = t => Math.max(...t);
  console.log(`page load of a lesson from file:// in Chromium (goal < 200 ms), median and worst over ${runs} fresh pages:`);
  console.log(`  the site opened at the lesson (index.html#lesson/…): median ${median(times.route)} ms, worst ${worst(times.route)} ms`);
  console.log(`  the lesson's own page (lesson-ID.html): median ${median(times.lesson)} ms, worst ${worst(times.lesson)} ms`);
  console.log(`  beside the same lesson as a static page: median ${median(times.static)} ms;` +
    ` an empty page: median ${median(times.empty)} ms (what this machine costs any page)`);
} finally {
  for (const f of made) fs.rmSync(f, { force: true });
  await browser.close();
}
