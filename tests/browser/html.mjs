// node html.mjs SITE_DIR SHOT_DIR
// Opens a course bundle's site from file:// in Chromium and drives it as a
// learner would.  Everything it knows about the course comes from
// window.TIKU_DATA, so it runs on any bundle tiku writes.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, reporter, assert, eq, checkShot, plan, fillIn, points, AUTO, htmlText, squash } from './lib.mjs';

const [SITE, SHOTS] = process.argv.slice(2);
if (!SITE || !SHOTS) {
  console.error('usage: node html.mjs SITE_DIR SHOT_DIR');
  process.exit(2);
}
const INDEX = path.resolve(SITE, 'index.html');
if (!fs.existsSync(INDEX)) { console.error(`no ${INDEX}`); process.exit(2); }
fs.mkdirSync(SHOTS, { recursive: true });
const URL0 = pathToFileURL(INDEX).href;

const T = reporter('html');
const { check } = T;
const errors = [];
const browser = await launch();

async function newPage(ctx) {
  const page = await ctx.newPage();
  page.setDefaultTimeout(5000);
  await page.addInitScript(() => { window.__xss = 0; });
  page.on('console', m => { if (m.type() === 'error') errors.push(`console: ${m.text()} (${page.url()})`); });
  page.on('pageerror', e => errors.push(`pageerror: ${e.message} (${page.url()})`));
  return page;
}
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
const page = await newPage(ctx);

async function go(hash) {
  await page.goto(URL0 + (hash || ''));
  await page.waitForFunction(() => document.querySelector('main h1'));
}
// a same-document route change, as a click on a link does
async function route(hash) {
  await page.evaluate(h => { location.hash = h; }, hash);
  await page.waitForFunction(h => location.hash === h && document.querySelector('main h1'), hash);
}
const enc = encodeURIComponent;
// a lesson's own page, for opening it directly
const lessonHref = id => 'lesson-' + enc(id) + '.html';
const sel = id => `section[data-item-id=${JSON.stringify(id)}]`;
async function xssIntact() {
  const v = await page.evaluate(() => window.__xss);
  assert(v === 0, `window.__xss is ${v}: a payload ran`);
}

let D;
await check('site loads from file:// and defines TIKU_DATA', async () => {
  await go('');
  D = await page.evaluate(() => window.TIKU_DATA);
  assert(D && D.course && Array.isArray(D.lessons) && D.items, 'no TIKU_DATA');
  return `${D.course.id}: ${D.lessons.length} lessons, ${Object.keys(D.items).length} items, ${(D.tests || []).length} tests, format ${D.format}`;
});
if (!D) { await browser.close(); process.exit(T.done()); }

const lessons = D.lessons, items = D.items, tests = D.tests || [];
const STORE = `tiku:${D.course.id}:${D.course.version || ''}`;

await check('the page is zh-CN, titled, with a search box in the header', async () => {
  eq(await page.evaluate(() => document.documentElement.lang), 'zh-CN', 'html lang');
  const t = await page.title();
  assert(t.includes(D.course.title), `document title ${JSON.stringify(t)}`);
  assert(await page.locator('header input[type=search]').isVisible(), 'no search box in the header');
});

await check('home lists every lesson with its title', async () => {
  for (const l of lessons) {
    const a = page.locator(`main a[href=${JSON.stringify('#lesson/' + enc(l.id))}]`);
    assert(await a.count() >= 1, `no link to lesson ${l.id}`);
    eq((await a.first().textContent()).trim(), l.title, `link text of ${l.id}`);
  }
  const text = await page.locator('main').innerText();
  assert(text.includes(D.course.title), 'course title missing');
  for (const m of D.modules || []) assert(squash(text).includes(squash(m.title)), `module ${m.id} missing`);
  assert(await page.locator('main progress, main [role=progressbar]').count() >= 1, 'no progress indicator');
});

await check('home keeps lesson order and shows hours', async () => {
  const hrefs = await page.$$eval('main a[href^="#lesson/"]', as => as.map(a => a.getAttribute('href')));
  const order = [];
  for (const m of D.modules || []) for (const i of m.lessons || []) order.push('#lesson/' + enc(lessons[i].id));
  eq(hrefs.filter(h => order.includes(h)).filter((h, i, a) => a.indexOf(h) === i), order, 'lesson order');
  const text = await page.locator('main').innerText();
  const l = lessons.find(x => x.hours);
  if (l) assert(text.includes(`${l.hours} 学时`), `hours of ${l.id} not shown`);
});

await check('a lesson opens from home, with its body', async () => {
  const l = lessons[0];
  await page.locator(`main a[href=${JSON.stringify('#lesson/' + enc(l.id))}]`).first().click();
  await page.waitForFunction(h => location.hash === h, '#lesson/' + enc(l.id));
  const body = squash(await page.locator('main').innerText());
  const words = String(l.text || '').split(/\s+/).filter(w => w.length >= 4).sort((a, b) => b.length - a.length).slice(0, 5);
  assert(!words.length || words.some(w => body.includes(squash(w))), `lesson text not on the page (looked for ${words.join(' | ')})`);
  assert(await page.locator('main h1').count() >= 1, 'no h1');
});

if (lessons.length > 1) {
  await check('next and previous lesson navigation', async () => {
    await route('#lesson/' + enc(lessons[0].id));
    await page.locator('main a[rel=next]').first().click();
    await page.waitForFunction(h => location.hash === h, '#lesson/' + enc(lessons[1].id));
    // the hash changes before the page has drawn the lesson and its title
    await page.waitForFunction(t => document.title.includes(t), lessons[1].title, { timeout: 5000 })
      .catch(() => { throw new Error('next lesson title'); });
    await page.locator('main a[rel=prev]').first().click();
    await page.waitForFunction(h => location.hash === h, '#lesson/' + enc(lessons[0].id));
  });
}

await check('each lesson has its own page that shows the lesson before any script runs', async () => {
  const bare = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
  try {
    const p = await bare.newPage();
    for (const l of lessons) {
      // what the script draws for the lesson ...
      await go('#lesson/' + enc(l.id));
      const drawn = squash(await page.locator('main article.lesson-body').innerText());
      // ... is on the lesson's page without it
      await p.goto(new URL(lessonHref(l.id), URL0).href);
      assert(await p.locator('main article.lesson-body h1').count() >= 1, `${l.id}: no heading`);
      eq(squash(await p.locator('main article.lesson-body').innerText()), drawn, `${l.id}: the lesson's text`);
      assert((await p.title()).includes(l.title), `${l.id}: document title`);
      const i = lessons.indexOf(l);
      eq(await p.locator('main nav.pager a').count(), (i > 0) + (i < lessons.length - 1), `${l.id}: pager links`);
      // every link of the page that is a route leads into index.html, where progress is kept
      const routes = await p.$$eval('main a[href*="#"], header a', as => as.map(a => a.getAttribute('href')));
      for (const h of routes) assert(h === 'index.html' || h.startsWith('index.html#') || h.startsWith('#main'), `${l.id}: link ${h}`);
    }
    return `${lessons.length} lesson pages`;
  } finally {
    await bare.close();
  }
});

await check('a lesson page, with its script, leads back into the course: next lesson, home', async () => {
  const l = lessons[0];
  await page.goto(new URL(lessonHref(l.id), URL0).href);
  await page.waitForFunction(t => document.title.includes(t) && document.querySelector('main h1'), l.title);
  if (lessons.length > 1) {
    await page.locator('main a[rel=next]').first().click();
    await page.waitForFunction(h => location.pathname.endsWith('/index.html') && location.hash === h &&
      document.querySelector('main h1'), '#lesson/' + enc(lessons[1].id));
  }
  await page.locator('header a.brand').click();
  await page.waitForFunction(() => location.pathname.endsWith('/index.html') && document.querySelector('main h1'));
});

await check('headings are in order (no skipped levels) on a lesson page', async () => {
  const bad = await page.evaluate(() => {
    const hs = [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')].map(h => +h.tagName[1]);
    const out = [];
    if (hs[0] !== 1) out.push(`first heading h${hs[0]}`);
    for (let i = 1; i < hs.length; i++) if (hs[i] > hs[i - 1] + 1) out.push(`h${hs[i - 1]} -> h${hs[i]}`);
    return out;
  });
  eq(bad, [], 'heading levels');
});

/* ---------- search ---------- */

function searchWord() {
  // a 2-4 character piece of one lesson's text found in as few lessons as possible
  let best = null;
  for (const l of lessons) {
    const toks = String(l.text || '').split(/[\s，。；：、！？“”（）()《》,.;:!?<>="'/]+/).filter(t => t.length >= 2);
    for (const t of toks.slice(0, 200)) {
      const w = t.slice(0, Math.min(4, t.length));
      if (/[<>&]/.test(w)) continue;
      const n = lessons.filter(x => (x.title + '\n' + x.text).toLowerCase().includes(w.toLowerCase())).length;
      if (!best || n < best.n || (n === best.n && w.length > best.w.length)) best = { w, l, n };
      if (best.n === 1 && best.w.length >= 3) return best;
    }
  }
  return best;
}
await check('search finds a lesson by a word from its text', async () => {
  const s = searchWord();
  assert(s, 'no word to search for');
  await go('#lesson/' + enc(lessons[0].id));
  const box = page.locator('header input[type=search]');
  await box.fill(s.w);
  await box.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#search/'));
  eq(decodeURIComponent((await page.evaluate(() => location.hash)).slice(8)), s.w, 'search route');
  const link = page.locator(`main a[href=${JSON.stringify('#lesson/' + enc(s.l.id))}]`);
  assert(await link.count() === 1, `result for lesson ${s.l.id} missing`);
  const li = link.locator('xpath=ancestor::li[1]');
  const snip = await li.innerText();
  assert(snip.toLowerCase().includes(s.w.toLowerCase()), `snippet lacks ${s.w}: ${snip}`);
  await link.click();
  await page.waitForFunction(h => location.hash === h, '#lesson/' + enc(s.l.id));
  return `"${s.w}" -> ${s.l.id} (${s.n} lesson${s.n > 1 ? 's' : ''})`;
});

/* ---------- practice ---------- */

function practiceLesson() {
  let best = null;
  for (const l of lessons) {
    const ids = (l.practice || []).filter(id => items[id]);
    const auto = ids.filter(id => AUTO.has(items[id].type));
    const types = new Set(auto.map(id => items[id].type)).size;
    const score = types * 100 + auto.length + (ids.length > auto.length ? 50 : 0);
    if (auto.length >= 2 && (!best || score > best.score)) best = { l, ids, auto, score };
  }
  return best;
}
const P = practiceLesson();
const answered = []; // {id, p}
if (!P) console.log('ok - practice # SKIP no lesson with two auto-marked practice items');
else {
  await check(`practice of "${P.l.id}": a keyboard-only answer is marked`, async () => {
    await go('#practice/' + enc(P.l.id));
    const id = P.auto.find(x => items[x].type !== 'fill') || P.auto[0];
    const it = items[id], p = plan(it, true), sec = page.locator(sel(id));
    if (p.keys) {
      for (const k of p.keys) {
        await sec.locator(`input[value=${JSON.stringify(k)}]`).focus();
        await page.keyboard.press('Space');
      }
    } else {
      await sec.locator('input[type=text]').first().focus();
      for (let i = 0; i < p.texts.length; i++) {
        await page.keyboard.type(p.texts[i]);
        if (i < p.texts.length - 1) await page.keyboard.press('Tab');
      }
    }
    let onButton = false;
    for (let i = 0; i < 12 && !onButton; i++) {
      await page.keyboard.press('Tab');
      onButton = await sec.evaluate(s => document.activeElement.tagName === 'BUTTON' && s.contains(document.activeElement));
    }
    assert(onButton, 'Tab does not reach the item\'s button');
    eq((await page.evaluate(() => document.activeElement.textContent)).trim(), '提交', 'button label');
    await page.keyboard.press('Enter');
    await sec.locator('[aria-live="polite"]').filter({ hasText: '正确' }).waitFor();
    answered.push({ id, p });
  });

  await check(`practice of "${P.l.id}": right and wrong answers marked 正确/错误 with the explanation, announced`, async () => {
    let right = 0, wrong = 0;
    for (const [k, id] of P.auto.entries()) {
      if (answered.some(a => a.id === id)) continue;
      const it = items[id], p = plan(it, k % 2 === 1), sec = page.locator(sel(id));
      await fillIn(sec, it, p);
      await sec.getByRole('button', { name: '提交', exact: true }).click();
      const want = p.ok ? '正确' : '错误';
      const liveBox = sec.locator('[aria-live="polite"]');
      await liveBox.filter({ hasText: want }).waitFor({ timeout: 3000 });
      const txt = (await liveBox.innerText()).trim();
      assert(!(p.ok ? /错误/ : /正确/).test(txt), `item ${id}: live region says ${txt}`);
      if (it.explanation) {
        const ex = (await htmlText(page, it.explanation)).slice(0, 12);
        assert(squash(await sec.innerText()).includes(squash(ex)), `item ${id}: explanation not shown`);
      }
      if (p.ok === false && it.type !== 'fill') {
        // the right answer is shown after a wrong one
        const t = await sec.innerText();
        assert(t.includes('正确答案'), `item ${id}: the right answer is not shown`);
      }
      answered.push({ id, p });
      if (p.ok) right++; else wrong++;
    }
    assert(right + 1 >= 1 && wrong >= 1, `need right and wrong answers (right ${right + 1}, wrong ${wrong})`);
    return `${right + 1} right, ${wrong} wrong`;
  });

  const open = P.ids.find(id => !AUTO.has(items[id].type));
  if (open) {
    await check('an open item shows the reference answer and takes a self-mark', async () => {
      const it = items[open], sec = page.locator(sel(open)), p = plan(it, true);
      await fillIn(sec, it, p);
      await sec.getByRole('button', { name: '提交', exact: true }).click();
      if (it.reference) {
        const ref = (await htmlText(page, it.reference)).slice(0, 12);
        await page.waitForFunction(([s, r]) => document.querySelector(s).innerText.replace(/\s+/g, '').includes(r), [sel(open), squash(ref)]);
      }
      const yes = sec.getByRole('button', { name: '会', exact: true });
      await yes.click();
      eq(await yes.getAttribute('aria-pressed'), 'true', 'self-mark pressed');
      answered.push({ id: open, p, self: true });
    });
  }

  await check('the marked quiz is screenshot at 1280 and 360 px, not blank', async () => {
    const notes = [];
    for (const w of [1280, 360]) {
      await page.setViewportSize({ width: w, height: w === 360 ? 740 : 900 });
      const sec = page.locator(sel(answered[answered.length > 1 ? 1 : 0].id));
      await sec.scrollIntoViewIfNeeded();
      await page.evaluate(s => document.querySelector(s).scrollIntoView({ block: 'start' }), sel(answered[answered.length > 1 ? 1 : 0].id));
      const f = path.join(SHOTS, `quiz-${w}.png`);
      await page.screenshot({ path: f });
      notes.push(`${w}: ${checkShot(f)}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    return notes.join('; ');
  });

  await check('progress survives a reload (answers, marking, lessons read)', async () => {
    await page.reload();
    await page.waitForFunction(() => document.querySelector('main h1'));
    for (const a of answered) {
      const it = items[a.id], sec = page.locator(sel(a.id));
      if (a.p.keys) for (const k of a.p.keys) assert(await sec.locator(`input[value=${JSON.stringify(k)}]`).isChecked(), `${a.id}: ${k} not restored`);
      if (a.p.texts) for (let i = 0; i < a.p.texts.length; i++) eq(await sec.locator('input[type=text]').nth(i).inputValue(), a.p.texts[i], `${a.id} blank ${i}`);
      if (a.p.text) eq(await sec.locator('textarea').inputValue(), a.p.text, `${a.id} text`);
      const v = (await sec.locator('[aria-live="polite"]').innerText()).trim();
      if (AUTO.has(it.type)) assert(v.includes(a.p.ok ? '正确' : '错误'), `${a.id}: marking after reload is "${v}"`);
      if (a.self) eq(await sec.getByRole('button', { name: '会', exact: true }).getAttribute('aria-pressed'), 'true', `${a.id} self-mark`);
    }
    assert(await page.evaluate(k => !!localStorage.getItem(k), STORE), `nothing in localStorage["${STORE}"]`);
    await go('');
    const prog = await page.evaluate(() => { const p = document.querySelector('main progress'); return p && [p.value, p.max]; });
    assert(prog && prog[0] >= 1, `home progress after reading lessons: ${JSON.stringify(prog)}`);
    return `${answered.length} answers restored, progress ${prog[0]}/${prog[1]}`;
  });
}

/* ---------- keyboard ---------- */

await check('keyboard: Tab reaches the search box and a lesson link, focus is visible, Enter opens it', async () => {
  await go('');
  let sawSearch = false, link = null;
  for (let i = 0; i < 80 && !link; i++) {
    await page.keyboard.press('Tab');
    const a = await page.evaluate(() => {
      const e = document.activeElement;
      const cs = getComputedStyle(e);
      return { tag: e.tagName, type: e.type, href: e.getAttribute('href'), outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 };
    });
    if (a.tag === 'INPUT' && a.type === 'search') { sawSearch = true; assert(a.outline, 'no visible focus on the search box'); }
    if (a.tag === 'A' && a.href && a.href.startsWith('#lesson/')) { link = a; assert(a.outline, 'no visible focus on the lesson link'); }
  }
  assert(sawSearch, 'Tab never reached the search box');
  assert(link, 'Tab never reached a lesson link');
  await page.keyboard.press('Enter');
  await page.waitForFunction(h => location.hash === h, link.href);
  const inMain = await page.evaluate(() => document.getElementById('main').contains(document.activeElement));
  assert(inMain, 'focus did not move into the page after navigation');
  return `opened ${link.href}`;
});

/* ---------- timed tests ---------- */

const TN = tests.findIndex(t => t.kind === 'exam') >= 0 ? tests.findIndex(t => t.kind === 'exam') : (tests.length ? 0 : -1);
function testIds(t) { return (t.sections || []).flatMap(s => s.items || []).filter(id => items[id]); }
if (TN < 0) console.log('ok - timed test # SKIP the course has no tests');
else {
  const t = tests[TN], ids = testIds(t);
  const auto = ids.filter(id => AUTO.has(items[id].type));
  const total = auto.reduce((s, id) => s + points(items[id]), 0);
  await check(`timed test "${t.title}": started, counts down, answered, submitted, scored`, async () => {
    await go('#test/' + TN);
    await page.getByRole('button', { name: /开始/ }).click();
    const timer = page.locator('[role=timer]');
    await timer.waitFor();
    const t1 = await timer.innerText();
    assert(/\d+:\d\d/.test(t1), `no countdown: ${t1}`);
    await page.waitForTimeout(1300);
    const t2 = await timer.innerText();
    assert(t1 !== t2, `the countdown does not move (${t1})`);
    let got = 0;
    for (const [k, id] of ids.entries()) {
      const it = items[id], p = plan(it, k % 3 !== 2);
      await fillIn(page.locator(sel(id)), it, p);
      if (p.ok) got += points(it);
    }
    await page.getByRole('button', { name: '交卷', exact: true }).click();
    const pct = total ? Math.round(100 * got / total) : 0;
    const pass = pct >= D.course.pass;
    await page.locator('main').filter({ hasText: `${pct} 分` }).waitFor();
    const text = await page.locator('main').innerText();
    assert(text.includes(pass ? '通过' : '未通过'), 'pass/fail verdict missing');
    assert(!pass || !text.includes('未通过'), 'says 未通过 on a pass');
    const marks = await page.locator('main section[data-item-id] [aria-live="polite"]').allInnerTexts();
    eq(marks.length, ids.length, 'every item marked');
    return `${pct} 分 of pass ${D.course.pass}: ${pass ? '通过' : '未通过'}`;
  });

  await check(`timed test "${t.title}": marked by itself when the time runs out`, async () => {
    const c2 = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p2 = await newPage(c2);
    await p2.clock.install();
    await p2.goto(URL0 + '#test/' + TN);
    await p2.getByRole('button', { name: /开始/ }).click();
    await p2.locator('[role=timer]').waitFor();
    const first = auto[0];
    let got = 0;
    if (first) { const p = plan(items[first], true); await fillIn(p2.locator(sel(first)), items[first], p); got = points(items[first]); }
    await p2.clock.fastForward((Number(t.minutes) || 1) * 60000 + 3000);
    const pct = total ? Math.round(100 * got / total) : 0;
    await p2.locator('main').filter({ hasText: '时间到' }).waitFor();
    assert((await p2.locator('main').innerText()).includes(`${pct} 分`), `score ${pct} not shown after time-out`);
    await c2.close();
    return `${pct} 分`;
  });
}

/* ---------- XSS ---------- */

await check('XSS: payload-looking text renders as visible text and never runs', async () => {
  const hot = s => /<script|&lt;script|onerror/i.test(String(s || ''));
  const notes = [];
  const visible = async (loc, raw) => {
    const t = await loc.innerText();
    if (/<script|&lt;script/i.test(raw)) assert(t.includes('<script'), `"<script" not shown as text: ${t.slice(0, 120)}`);
    if (/onerror/i.test(raw)) assert(t.includes('onerror'), `"onerror" not shown as text: ${t.slice(0, 120)}`);
  };
  for (const [id, it] of Object.entries(items)) {
    const fields = [it.stem, ...(it.options || []).map(o => o.html)];
    if (!fields.some(hot)) continue;
    const l = lessons.find(x => (x.practice || []).includes(id));
    if (l) {
      await go('#practice/' + enc(l.id));
    } else {
      const n = tests.findIndex(t => testIds(t).includes(id));
      if (n < 0) continue;
      await go('#test/' + n);
      const start = page.getByRole('button', { name: /开始/ });
      if (await start.count()) await start.click();
    }
    const sec = page.locator(sel(id)).first();
    await visible(sec, await htmlText(page, fields.join(' ')));
    await xssIntact();
    notes.push(`item ${id}`);
  }
  for (const l of lessons) {
    if (!hot(l.title) && !hot(l.html) && !hot(l.text)) continue;
    await go('');
    if (hot(l.title)) await visible(page.locator(`main a[href=${JSON.stringify('#lesson/' + enc(l.id))}]`).first(), l.title);
    await go('#lesson/' + enc(l.id));
    await visible(page.locator('main'), (await htmlText(page, l.html)) + ' ' + l.title);
    if (hot(l.text)) {
      const w = /onerror/i.test(l.text) ? 'onerror' : 'script';
      await route('#search/' + enc(w));
      const li = page.locator(`main a[href=${JSON.stringify('#lesson/' + enc(l.id))}]`).locator('xpath=ancestor::li[1]');
      assert(await li.count() === 1, `search for ${w} misses lesson ${l.id}`);
      assert((await li.innerText()).includes(w), 'search snippet lost the text');
    }
    // the lesson's own page, as written by the bundle and as drawn over it
    await page.goto(new URL(lessonHref(l.id), URL0).href);
    await page.waitForFunction(() => document.querySelector('main h1'));
    await visible(page.locator('main'), (await htmlText(page, l.html)) + ' ' + l.title);
    await xssIntact();
    await xssIntact();
    notes.push(`lesson ${l.id}`);
  }
  const dom = await page.evaluate(() => ({
    scripts: document.querySelectorAll('main script, main iframe, main object').length,
    handlers: [...document.querySelectorAll('body *')].filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
  }));
  eq(dom, { scripts: 0, handlers: 0 }, 'script elements or inline handlers in the page');
  await xssIntact();
  return notes.length ? notes.join(', ') : 'SKIP no payload-looking text in this course';
});

/* ---------- small screens, screenshots ---------- */

function showcaseLesson() {
  let best = lessons[0], score = -1;
  for (const l of lessons) {
    const h = String(l.html || '');
    const s = (h.includes('dialogue') ? 4 : 0) + (h.includes('<table') ? 2 : 0) + (h.includes('callout') ? 1 : 0);
    if (s > score) { best = l; score = s; }
  }
  return best;
}
await check('a lesson is screenshot at 1280 and 360 px, not blank', async () => {
  const l = showcaseLesson();
  const notes = [];
  for (const w of [1280, 360]) {
    await page.setViewportSize({ width: w, height: w === 360 ? 740 : 900 });
    await go('#lesson/' + enc(l.id));
    await page.evaluate(() => Promise.all([...document.images].map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; }))));
    const f = path.join(SHOTS, `lesson-${w}.png`);
    await page.screenshot({ path: f, fullPage: true });
    notes.push(`${w}: ${checkShot(f)}`);
  }
  return `${l.id}; ` + notes.join('; ');
});

await check('no horizontal scroll at 360 px (home, lessons, practice, tests, search)', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  const routes = ['', ...lessons.map(l => '#lesson/' + enc(l.id))];
  if (P) routes.push('#practice/' + enc(P.l.id));
  tests.forEach((t, i) => routes.push('#test/' + i));
  routes.push('#search/' + enc(searchWord() ? searchWord().w : '课'));
  const bad = [];
  for (const r of routes) {
    await go(r);
    const m = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    if (m[0] > m[1]) bad.push(`${r || 'home'}: ${m[0]} > ${m[1]}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  eq(bad, [], 'pages wider than the screen');
  return `${routes.length} pages`;
});

// WCAG 2.1 AA (1.4.3): text against the background it is drawn on, at
// least 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold); the
// background is found by blending the ancestors' colours up to an opaque one
async function contrastProblems() {
  return page.evaluate(() => {
    const parse = s => {
      const m = /rgba?\(([^)]+)\)/.exec(s || '');
      if (!m) return null;
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
    const lum = c => {
      const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
    };
    const background = e => {
      const layers = [];
      for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
        const cs = getComputedStyle(n);
        if (cs.backgroundImage !== 'none') return null;   /* not decidable here */
        const c = parse(cs.backgroundColor);
        if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
      }
      let col = [255, 255, 255, 1];
      for (let i = layers.length - 1; i >= 0; i--) col = over(layers[i], col);
      return col;
    };
    const bad = [];
    let n = 0;
    for (const e of document.querySelectorAll('body *')) {
      const own = [...e.childNodes].some(t => t.nodeType === 3 && t.data.trim());
      if (!own || e.closest('[aria-hidden="true"]') || e.disabled) continue;
      const r = e.getBoundingClientRect(), cs = getComputedStyle(e);
      if (r.width <= 1 || r.height <= 1 || cs.visibility !== 'visible' || Number(cs.opacity) === 0) continue;
      const bg = background(e);
      if (!bg) continue;
      const fg = over(parse(cs.color), bg);
      const [a, b] = [lum(fg) + 0.05, lum(bg) + 0.05];
      const ratio = Math.max(a, b) / Math.min(a, b);
      const size = parseFloat(cs.fontSize), heavy = Number(cs.fontWeight) >= 700;
      const need = size >= 24 || (heavy && size >= 18.66) ? 3 : 4.5;
      n++;
      if (ratio < need)
        bad.push(`${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ')[0] : ''} "${e.textContent.trim().slice(0, 16)}" ${ratio.toFixed(2)} < ${need} (${cs.color} on rgb(${bg.slice(0, 3).map(Math.round)}))`);
    }
    return { n, bad };
  });
}

await check('text contrast passes WCAG AA on every kind of page (marked practice and tests included)', async () => {
  const routes = ['', '#lesson/' + enc(showcaseLesson().id)];
  if (P) routes.push('#practice/' + enc(P.l.id));
  tests.forEach((t, i) => routes.push('#test/' + i));
  routes.push('#search/' + enc(searchWord() ? searchWord().w : '课'));
  const bad = [];
  let n = 0;
  for (const r of routes) {
    await go(r);
    const c = await contrastProblems();
    n += c.n;
    c.bad.forEach(b => bad.push(`${r || 'home'}: ${b}`));
  }
  eq(bad.slice(0, 8), [], `low contrast (${bad.length})`);
  return `${n} text elements on ${routes.length} pages`;
});

await check('every image has a text alternative', async () => {
  const missing = [];
  for (const l of lessons) {
    if (!/<img/i.test(l.html || '')) continue;
    await go('#lesson/' + enc(l.id));
    const m = await page.evaluate(() => [...document.querySelectorAll('main img')]
      .filter(i => !(i.getAttribute('alt') || '').trim() && i.getAttribute('role') !== 'presentation')
      .map(i => i.getAttribute('src')));
    m.forEach(s => missing.push(`${l.id}: ${s}`));
  }
  eq(missing, [], 'images without alt text');
});

await check('print stylesheet hides the header, search and buttons', async () => {
  await go('#lesson/' + enc(showcaseLesson().id));
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => ['header', 'header input[type=search]', 'main button', 'nav[aria-label]']
    .filter(s => [...document.querySelectorAll(s)].some(e => e.getClientRects().length)));
  const text = await page.locator('main article, main').first().innerText();
  await page.emulateMedia({ media: 'screen' });
  eq(shown, [], 'visible in print');
  assert(text.length > 20, 'lesson text not printed');
});

await check('reset clears the progress', async () => {
  await go('');
  await page.getByRole('button', { name: '清除学习记录' }).click();
  await page.getByRole('button', { name: '确定清除' }).click();
  await page.waitForFunction(() => { const p = document.querySelector('main progress'); return p && p.value === 0; });
  if (P) {
    await go('#practice/' + enc(P.l.id));
    const marks = await page.locator('main section[data-item-id] [aria-live="polite"]').allInnerTexts();
    assert(marks.every(m => !m.trim()), 'answers still shown after reset');
  }
});

await check('window.__xss trap never fired', xssIntact);
await check('no console errors', async () => {
  eq(errors, [], 'console errors');
});

await browser.close();
process.exit(T.done());
