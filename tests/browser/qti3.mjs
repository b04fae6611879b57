// node qti3.mjs PACKAGE_DIR ITEMS.xml [PAPER.xml]
//
// A QTI 3.0 package of tiku's (unpacked) in @citolab/qti-components, a
// QTI 3 player we did not write, in headless Chromium: the player's
// published bundle and the package are served from local files on
// 127.0.0.1 (no network).  What is right comes from the bank, never from
// the package: ITEMS.xml is the same items as tiku's items XML, PAPER.xml
// the paper the package was made from.
//
// Items: every item the manifest lists loads; each choice and true/false
// item answered by clicking its keyed options scores its points, a wrong
// option, or a right one left out or a wrong one added, scores 0; each
// fill item typed with every accepted text of its blanks (and in other
// case) scores its points, a wrong text in any blank 0; an open item takes
// typed text, is left for a human (SCORE 0) and carries the rubric for
// scorers; the explanation is the feedback after an attempt.
//
// A paper (PAPER.xml given): the player finds the test through the
// manifest, lists the paper's items in its order, loads every section in
// its test player (qti-test), where each item is worth the points the
// paper gives it, and after answering some items right and some wrong
// the player's record of the test adds up to the points of the right
// ones (this player has no test-level outcome processing to ask).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, reporter, assert, eq, serve } from './lib.mjs';

const [PKG, ITEMS, PAPER] = process.argv.slice(2);
if (!PKG || !ITEMS || !fs.existsSync(path.join(PKG, 'imsmanifest.xml'))) {
  console.error('usage: node qti3.mjs PACKAGE_DIR ITEMS.xml [PAPER.xml]');
  process.exit(2);
}
const HERE = path.dirname(fileURLToPath(import.meta.url));
const server = await serve({
  '/harness/': path.join(HERE, 'harness'),
  '/qti/': path.join(HERE, 'node_modules/@citolab/qti-components'),
  '/pkg/': path.resolve(PKG),
});
const ORIGIN = `http://127.0.0.1:${server.address().port}`;
const T = reporter(PAPER ? 'qti3 paper' : 'qti3 items');
const { check } = T;
const errors = [];
const outside = [];
const browser = await launch();
const ctx = await browser.newContext();
// local files only: any request off 127.0.0.1 is refused and counted
await ctx.route(u => !String(u).startsWith(ORIGIN), r => { outside.push(r.request().url()); r.abort(); });
const page = await ctx.newPage();
page.setDefaultTimeout(8000);
page.on('console', m => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
page.on('pageerror', e => errors.push(`pageerror: ${e.message}`));
await page.goto(`${ORIGIN}/harness/qti3.html`);
await page.waitForFunction(() => window.qtiReady);

// ---- the bank's truth, parsed by the browser's own DOMParser ----
const truth = await page.evaluate(([items, paper]) => {
  const kids = (n, name) => [...n.children].filter(c => c.localName === name);
  const kid = (n, name) => kids(n, name)[0];
  const one = it => {
    const ans = kid(it, 'answer');
    return {
      id: it.getAttribute('id'), type: it.getAttribute('type'),
      points: Number(it.getAttribute('points')),
      options: kid(it, 'options') ? kids(kid(it, 'options'), 'option').map(o => o.getAttribute('key')) : [],
      answer: ans ? ans.textContent.trim() : '',
      blanks: ans ? kids(ans, 'blank').map(b => b.textContent.split('|').map(s => s.trim()).filter(Boolean)) : [],
      rubric: kid(it, 'rubric') ? kids(kid(it, 'rubric'), 'criterion').map(c => c.textContent) : [],
      explanation: !!(kid(it, 'explanation') && kid(it, 'explanation').textContent.trim()),
    };
  };
  const p = new DOMParser();
  const bank = [...p.parseFromString(items, 'application/xml').documentElement.children]
    .filter(c => c.localName === 'item').map(one);
  let sections = null;
  if (paper) {
    sections = kids(p.parseFromString(paper, 'application/xml').documentElement, 'section').map(s => ({
      points: s.getAttribute('points') ? Number(s.getAttribute('points')) : null,
      items: kids(s, 'item').map(one),
    })).filter(s => s.items.length);
    for (const s of sections) if (s.points !== null) for (const it of s.items) it.points = s.points;
  }
  return { bank, sections };
}, [fs.readFileSync(ITEMS, 'utf8'), PAPER ? fs.readFileSync(PAPER, 'utf8') : null]);
const byId = new Map(truth.bank.map(it => [it.id, it]));
// QTI identifiers are NCNames: tiku's ids that start otherwise get an I
const ident = id => (/^[A-Za-z_]/.test(id) ? id : 'I' + id);

const near = (a, b) => Math.abs(Number(a) - Number(b)) < 1e-6;
const wrongKey = it => it.options.find(k => !it.answer.includes(k));
const other = s => (s.toUpperCase() !== s ? s.toUpperCase() : s.toLowerCase());

// The planned answers of an item: [what, response, expected SCORE]
function plans(it) {
  const p = [];
  if (it.type === 'single' || it.type === 'multiple') {
    const right = it.answer.split('');
    p.push(['keyed', { keys: right }, it.points]);
    if (wrongKey(it)) p.push(['a wrong option', { keys: [wrongKey(it)] }, 0]);
    if (it.type === 'multiple' && wrongKey(it)) p.push(['keyed plus a wrong option', { keys: [...right, wrongKey(it)] }, 0]);
    if (right.length > 1) p.push(['a right option left out', { keys: right.slice(1) }, 0]);
  } else if (it.type === 'truefalse') {
    p.push(['keyed', { keys: [it.answer === 'true' ? 'T' : 'F'] }, it.points]);
    p.push(['the other', { keys: [it.answer === 'true' ? 'F' : 'T'] }, 0]);
  } else if (it.type === 'fill') {
    const most = Math.max(...it.blanks.map(b => b.length));
    for (let j = 0; j < most; j++)
      p.push([`accepted texts #${j + 1}`, { texts: it.blanks.map(b => b[Math.min(j, b.length - 1)]) }, it.points]);
    if (it.blanks.some(b => b.some(s => other(s) !== s)))
      p.push(['accepted texts in other case', { texts: it.blanks.map(b => other(b[0])) }, it.points]);
    p.push(['wrong texts', { texts: it.blanks.map(() => '不对的答案xyz') }, 0]);
    if (it.blanks.length > 1) p.push(['one blank wrong', { texts: it.blanks.map((b, i) => (i ? b[0] : '不对')) }, 0]);
  } else {
    p.push(['typed text, left to a human', { text: '我的作答：先倾听，再核实。' }, 0]);
  }
  return p;
}

// Put a response into the item (scope: a CSS selector of the item) as a candidate does.
async function answer(scope, r) {
  if (r.keys) {
    for (const k of r.keys) await page.locator(`${scope} qti-simple-choice[identifier="${k}"]`).click();
  } else if (r.texts) {
    const boxes = page.locator(`${scope} qti-text-entry-interaction input`);
    eq(await boxes.count(), r.texts.length, 'text entries');
    // typed, then on to the next field: the player takes a text on keyup or change
    for (let i = 0; i < r.texts.length; i++) {
      await boxes.nth(i).fill(r.texts[i]);
      await boxes.nth(i).press('Tab');
    }
  } else {
    await page.locator(`${scope} qti-extended-text-interaction textarea`).fill(r.text);
  }
}

// The item's outcomes after the player's response processing.
const score = scope => page.evaluate(sel => {
  const i = document.querySelector(sel) || document.querySelector('test-container').shadowRoot.querySelector(sel);
  i.processResponse();
  const v = id => (i.getOutcome(id) || {}).value;
  return { SCORE: v('SCORE'), MAXSCORE: v('MAXSCORE'), FEEDBACK: v('FEEDBACK'),
    response: i.variables.filter(x => x.type === 'response' && /^RESPONSE/.test(x.identifier)).map(x => x.value) };
}, scope);

async function loadItem(href) {
  await page.evaluate(async href => {
    const host = document.getElementById('host');
    host.replaceChildren();
    host.appendChild(await window.qti.getItemByUri(href));
  }, href);
  await page.waitForFunction(() => {
    const i = document.querySelector('#host qti-assessment-item');
    return i && i.getOutcome && i.getOutcome('MAXSCORE');
  });
}

if (!PAPER) {
  let resources = [];
  await check('the manifest lists a QTI 3.0 item for every item of the bank', async () => {
    const man = fs.readFileSync(path.join(PKG, 'imsmanifest.xml'), 'utf8');
    resources = [...man.matchAll(/<resource identifier="([^"]+)" type="([^"]+)" href="([^"]+)"/g)]
      .map(m => ({ id: m[1], type: m[2], href: m[3] }));
    const items = resources.filter(r => r.type === 'imsqti_item_xmlv3p0');
    eq(items.length, resources.length, 'every resource an item');
    eq(items.map(r => r.id).sort(), truth.bank.map(it => ident(it.id)).sort(), 'the items');
    return `${items.length} items`;
  });
  const tally = { right: 0, wrong: 0, fill: 0, open: 0, feedback: 0 };
  const bad = [];
  for (const r of resources) {
    const it = truth.bank.find(x => ident(x.id) === r.id);
    if (!it) continue;
    let loaded = false;
    for (const [what, resp, want] of plans(it)) {
      try {
        // a single choice or true/false item loaded once, the player
        // clearing its response between answers; the others fresh each
        // time (a reset leaves the boxes of multiple choice ticked, and
        // a text typed again does not reach the player as a change)
        if (!loaded || !['single', 'truefalse'].includes(it.type)) await loadItem(`/pkg/${r.href}`);
        else await page.evaluate(() => document.querySelector('#host qti-assessment-item').resetResponses());
        loaded = true;
        const max = await page.evaluate(() => document.querySelector('#host qti-assessment-item').getOutcome('MAXSCORE').value);
        if (!near(max, it.points)) throw new Error(`MAXSCORE ${max}, points ${it.points}`);
        await answer('#host qti-assessment-item', resp);
        const o = await score('#host qti-assessment-item');
        if (resp.keys) eq([o.response].flat(2).filter(Boolean).sort(), [...new Set(resp.keys)].sort(), "the player's response");
        if (!near(o.SCORE, want)) throw new Error(`SCORE ${o.SCORE}, expected ${want} (response ${JSON.stringify(o.response)})`);
        if (it.explanation && o.FEEDBACK !== 'EXPLAIN') throw new Error(`FEEDBACK ${o.FEEDBACK}`);
        if (it.explanation) {
          const shown = await page.locator('#host qti-modal-feedback').count();
          if (!shown) throw new Error('no modal feedback');
          tally.feedback++;
        }
        if (['single', 'multiple', 'truefalse'].includes(it.type)) tally[want ? 'right' : 'wrong']++;
        else if (it.type === 'fill') tally.fill++;
        else {
          const rubric = await page.locator('#host qti-rubric-block[view="scorer"]').textContent();
          const flat = s => s.replace(/\s+/g, '');
          for (const c of it.rubric) if (!flat(rubric).includes(flat(c))) throw new Error('a rubric line is missing');
          tally.open++;
        }
      } catch (e) {
        bad.push(`${it.id} (${it.type}), ${what}: ${e.message.split('\n')[0]}`);
        loaded = false;
      }
    }
  }
  await check('choice and true/false items: the keyed answer scores the points, a wrong one 0', async () => {
    eq(bad.filter(b => / \((single|multiple|truefalse)\)/.test(b)).slice(0, 5), [], 'choice items');
    assert(tally.right > 0 && tally.wrong > 0, 'no choice item in the package');
    return `${tally.right} keyed, ${tally.wrong} wrong answers`;
  });
  await check('fill items: every accepted text scores the points, a wrong one in any blank 0', async () => {
    eq(bad.filter(b => / \(fill\)/.test(b)).slice(0, 5), [], 'fill items');
    assert(tally.fill > 0, 'no fill item in the package');
    return `${tally.fill} answers`;
  });
  await check('open items: typed text is left to a human scorer, who has the rubric', async () => {
    eq(bad.filter(b => / \((short|case|task)\)/.test(b)).slice(0, 5), [], 'open items');
    assert(tally.open > 0, 'no open item in the package');
    return `${tally.open} items`;
  });
  await check('explanations come back as feedback after an attempt', async () => {
    assert(tally.feedback > 0, 'no item with an explanation');
    return `${tally.feedback} times`;
  });
} else {
  const order = truth.sections.flatMap(s => s.items);
  let info;
  await check("the player finds the paper's test through the manifest, its items in order", async () => {
    info = await page.evaluate(() => window.qti.getManifestInfo('/pkg/imsmanifest.xml'));
    eq(info.items.map(i => i.identifier), order.map(it => ident(it.id)), 'items');
    return `${info.items.length} items in ${truth.sections.length} sections`;
  });
  await check('the test player loads every section with its items, each worth what the paper gives it', async () => {
    await page.evaluate(url => {
      document.getElementById('host').innerHTML = '<qti-test navigate="section"><test-navigation>' +
        `<test-container test-url="${url}"></test-container></test-navigation></qti-test>`;
    }, info.testURL);
    await page.waitForFunction(() => {
      const t = document.querySelector('qti-test');
      return t && t.testContext && t.testContext.items && t.testContext.items.length;
    });
    let want = 0, max = 0, n = 0, k = 0;
    for (let s = 0; s < truth.sections.length; s++) {
      const sec = truth.sections[s];
      await page.evaluate(s => document.querySelector('qti-test').navigateTo('section', `S${s}`), s + 1);
      for (const it of sec.items) {
        const scope = `test-container qti-assessment-item[identifier="${ident(it.id)}"]`;
        await page.locator(scope).waitFor();
        max += it.points;
        const auto = ['single', 'multiple', 'truefalse', 'fill'].includes(it.type);
        // every other item keyed, the rest wrong
        const [, resp, pts] = auto ? plans(it)[k++ % 2 ? 1 : 0] : plans(it)[0];
        await answer(scope, resp);
        const o = await page.evaluate(id => {
          const i = document.querySelector('test-container').shadowRoot
            .querySelector(`qti-assessment-item[identifier="${id}"]`);
          i.processResponse();
          return { SCORE: i.getOutcome('SCORE').value, MAXSCORE: i.getOutcome('MAXSCORE').value };
        }, ident(it.id));
        if (!near(o.MAXSCORE, it.points)) throw new Error(`${it.id}: MAXSCORE ${o.MAXSCORE}, the paper gives ${it.points}`);
        if (!near(o.SCORE, pts)) throw new Error(`${it.id}: SCORE ${o.SCORE}, expected ${pts}`);
        want += pts;
        n++;
      }
    }
    // the player has no test-level outcome processing (no
    // qti-outcome-processing element): its record of the test, item by
    // item, is what it scored
    const rec = await page.evaluate(() => document.querySelector('qti-test').testContext.items.map(i =>
      [i.identifier, ((i.variables || []).find(v => v.identifier === 'SCORE') || {}).value]));
    eq(rec.map(r => r[0]), order.map(it => ident(it.id)), "the player's record of the test");
    const sum = rec.reduce((a, r) => a + Number(r[1] || 0), 0);
    if (!near(sum, want)) throw new Error(`the player's record adds up to ${sum}, expected ${want}`);
    eq(n, order.length, 'items answered');
    return `${n} items, ${sum} points of ${max}`;
  });
}
await check('no page errors, nothing fetched from outside 127.0.0.1', async () => {
  eq(errors.slice(0, 5), [], 'errors');
  eq(outside, [], 'requests off the machine');
});
await browser.close();
server.close();
process.exit(T.done());
