// Shared helpers for the browser tests: launching Debian's Chromium through
// playwright-core, a TAP-like reporter, PNG decoding, a static HTTP server.
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export async function launch() {
  for (let i = 0; ; i++) {
    if (fs.existsSync(CHROMIUM)) break;
    if (i >= 30) throw new Error(`no browser at ${CHROMIUM} (apt-get install chromium)`);
    await new Promise(r => setTimeout(r, 2000));
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--allow-file-access-from-files'],
  });
}

// check('name', async () => {...}): one "ok - name" or "not ok - name" line each.
export function reporter(label) {
  let passed = 0, failed = 0;
  async function check(name, fn) {
    try {
      const note = await fn();
      passed++;
      console.log(`ok - ${name}${note ? ' # ' + note : ''}`);
      return true;
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}`);
      for (const line of String(e && e.stack || e).split('\n').slice(0, 6)) console.log(`#   ${line}`);
      return false;
    }
  }
  function done() {
    console.log(`${label}: ${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  }
  return { check, done, get failed() { return failed; } };
}

export function assert(cond, msg) { if (!cond) throw new Error(msg || 'assertion failed'); }
export function eq(a, b, msg) {
  const sa = JSON.stringify(a), sb = JSON.stringify(b);
  if (sa !== sb) throw new Error(`${msg || 'not equal'}: got ${sa}, expected ${sb}`);
}

/* ---------- PNG ---------- */

// Decodes an 8-bit non-interlaced PNG (what Chromium writes) and counts
// the pixels that are not (near) white.
export function pngStats(buf) {
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  sig.forEach((b, i) => assert(buf[i] === b, 'not a PNG'));
  let off = 8, w = 0, h = 0, depth = 0, ctype = 0, interlace = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off), type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      w = data.readUInt32BE(0); h = data.readUInt32BE(4);
      depth = data[8]; ctype = data[9]; interlace = data[12];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  assert(depth === 8 && interlace === 0, `unsupported PNG (depth ${depth}, interlace ${interlace})`);
  const bpp = { 0: 1, 2: 3, 4: 2, 6: 4 }[ctype];
  assert(bpp, `unsupported PNG colour type ${ctype}`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = w * bpp;
  assert(raw.length >= (stride + 1) * h, 'truncated PNG data');
  let prev = Buffer.alloc(stride), cur = Buffer.alloc(stride);
  let nonWhite = 0;
  const colours = new Set();
  for (let y = 0; y < h; y++) {
    const base = y * (stride + 1), f = raw[base];
    for (let x = 0; x < stride; x++) {
      const v = raw[base + 1 + x];
      const a = x >= bpp ? cur[x - bpp] : 0, b = prev[x], c = x >= bpp ? prev[x - bpp] : 0;
      let r;
      switch (f) {
        case 0: r = v; break;
        case 1: r = v + a; break;
        case 2: r = v + b; break;
        case 3: r = v + ((a + b) >> 1); break;
        case 4: { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          r = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c); break; }
        default: throw new Error(`bad PNG filter ${f}`);
      }
      cur[x] = r & 255;
    }
    for (let x = 0; x < w; x++) {
      const o = x * bpp;
      const rgb = bpp >= 3 ? [cur[o], cur[o + 1], cur[o + 2]] : [cur[o], cur[o], cur[o]];
      if (rgb[0] < 245 || rgb[1] < 245 || rgb[2] < 245) nonWhite++;
      if (colours.size < 4096) colours.add((rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
    }
    [prev, cur] = [cur, prev];
  }
  return { width: w, height: h, nonWhite, fraction: nonWhite / (w * h), colours: colours.size };
}

export function checkShot(file, minFraction = 0.01) {
  const s = pngStats(fs.readFileSync(file));
  assert(s.fraction >= minFraction && s.colours >= 8,
    `${path.basename(file)} looks blank: ${(100 * s.fraction).toFixed(2)}% non-white pixels, ${s.colours} colours`);
  return `${s.width}x${s.height}, ${(100 * s.fraction).toFixed(1)}% non-white, ${s.colours >= 4096 ? '4096+' : s.colours} colours`;
}

/* ---------- HTTP ---------- */

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.svg': 'image/svg+xml', '.webp': 'image/webp', '.json': 'application/json',
  '.xml': 'application/xml', '.map': 'application/json' };

// mounts: {'/prefix/': '/dir'}; listens on 127.0.0.1, a random port.
export function serve(mounts) {
  const server = http.createServer((req, res) => {
    let p;
    try { p = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { p = '/'; }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!p.startsWith(prefix)) continue;
      const file = path.resolve(dir, '.' + p.slice(prefix.length - 1));
      if (!file.startsWith(path.resolve(dir) + path.sep) && file !== path.resolve(dir)) break;
      fs.readFile(file, (err, body) => {
        if (err) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
        res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
          'cache-control': 'no-store' });
        res.end(body);
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/* ---------- answering items the way a learner does ---------- */

export const AUTO = new Set(['single', 'multiple', 'truefalse', 'fill']);
export const points = it => (Number(it.points) > 0 ? Number(it.points) : 1);

// A response for an item, right or wrong on purpose, from the answers in TIKU_DATA.
// Returns {keys: [...]} for choice and true/false, {texts: [...]} for fill,
// {text} for open items, and ok: the marking the page must give.
export function plan(it, right) {
  const keys = (it.options || []).map(o => o.key);
  switch (it.type) {
    case 'single': {
      if (right) return { keys: [it.answer], ok: true };
      const k = keys.find(x => x !== it.answer);
      return k ? { keys: [k], ok: false } : { keys: [it.answer], ok: true };
    }
    case 'multiple': {
      const ans = String(it.answer).split('');
      if (right) return { keys: ans, ok: true };
      const other = keys.find(k => !ans.includes(k));
      if (other) return { keys: [other], ok: false };
      return ans.length > 1 ? { keys: ans.slice(0, 1), ok: false } : { keys: ans, ok: true };
    }
    case 'truefalse': {
      const a = String(it.answer);
      return right ? { keys: [a], ok: true } : { keys: [a === 'true' ? 'false' : 'true'], ok: false };
    }
    case 'fill': {
      const acc = Array.isArray(it.answer) ? it.answer : [];
      // the right texts with full-width digits and padding, to exercise normalisation
      const fw = s => String(s).replace(/[0-9]/g, d => String.fromCharCode(d.charCodeAt(0) + 0xFEE0));
      return right ? { texts: acc.map(alts => ' ' + fw(Array.isArray(alts) ? alts[0] : alts) + ' '), ok: true }
        : { texts: acc.map(() => '不对的答案xyz'), ok: false };
    }
    default:
      return { text: '我的作答：先倾听，再核实，最后给出方案。', ok: null };
  }
}

// Puts the planned response into an item's <section> (a playwright Locator).
export async function fillIn(sec, it, p) {
  if (p.keys) {
    for (const k of p.keys) await sec.locator(`input[value=${JSON.stringify(k)}]`).check();
  } else if (p.texts) {
    const boxes = sec.locator('input[type=text]');
    for (let i = 0; i < p.texts.length; i++) await boxes.nth(i).fill(p.texts[i]);
  } else {
    await sec.locator('textarea').fill(p.text);
  }
}

// The interaction record expected in the LMS for a planned response.
export function lmsExpect(version, it, p) {
  const v12 = version === '12';
  const type = { single: 'choice', multiple: 'choice', truefalse: 'true-false', fill: 'fill-in' }[it.type]
    || (v12 ? 'performance' : 'long-fill-in');
  let response;
  const norm = s => String(s).replace(/[\uFF10-\uFF19]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
    .replace(/[\u3000\s]+/g, ' ').trim();
  if (p.keys && it.type !== 'truefalse') {
    const order = (it.options || []).map(o => o.key);
    response = [...p.keys].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map(k => k.toLowerCase()).join(v12 ? ',' : '[,]');
  } else if (p.keys) {
    response = v12 ? (p.keys[0] === 'true' ? 't' : 'f') : p.keys[0];
  } else if (p.texts) {
    response = p.texts.map(norm).join(v12 ? ',' : '[,]');
  } else response = String(p.text).replace(/[\u3000\s]+/g, ' ').trim();
  const result = p.ok === true ? 'correct' : p.ok === false ? (v12 ? 'wrong' : 'incorrect') : 'neutral';
  return { id: null, type, response, result, weighting: points(it) };
}

// Visible text of an HTML fragment, computed in the page.
export async function htmlText(page, html) {
  return page.evaluate(h => {
    const t = document.createElement('template');
    t.innerHTML = h || '';
    return (t.content.textContent || '').replace(/\s+/g, ' ').trim();
  }, html);
}
export const squash = s => String(s || '').replace(/\s+/g, '');
