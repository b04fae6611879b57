/* tiku.js: the page runtime of a tiku course bundle (docs/bundle.md).
 * Hand-written, no framework, no network: it reads window.TIKU_DATA
 * (data/course.js) and renders the course by the hash route.  An html
 * bundle also has a page per lesson (lesson-ID.html, its main marked
 * data-route="lesson/ID"), for opening a lesson directly: it shows the
 * lesson before any script runs; the script draws that route over it, and
 * its links lead back into index.html.
 * Every string from TIKU_DATA is inserted as text, except the fields the
 * contract documents as HTML (lesson html, item stem / explanation /
 * reference, option html), which go through trustedHTML() only. */
(function () {
  'use strict';

  var D = window.TIKU_DATA;
  var main = document.getElementById('main');
  if (!D || !D.course || !main) {
    if (main) {
      main.textContent = '';
      main.appendChild(el('p', { class: 'noscript' }, '课程数据（data/course.js）未能加载，请确认课程文件完整。'));
    }
    return;
  }

  /* ---------- DOM helpers ---------- */

  // el('a', {href: '#', class: 'x'}, 'text', node, ...): strings become text nodes.
  function el(tag, attrs) {
    var n = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'class') n.className = v;
        else if (k === 'text') n.textContent = v;
        else if (k === 'on') Object.keys(v).forEach(function (e) { n.addEventListener(e, v[e]); });
        else if (v === true) n.setAttribute(k, '');
        else n.setAttribute(k, String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) add(n, arguments[i]);
    return n;
  }
  function add(n, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (x) { add(n, x); }); return; }
    n.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }

  var BAD_TAGS = { SCRIPT: 1, STYLE: 1, IFRAME: 1, FRAME: 1, FRAMESET: 1, OBJECT: 1, EMBED: 1, LINK: 1,
    META: 1, BASE: 1, FORM: 1, TEMPLATE: 1, SVG: 1, MATH: 1, NOSCRIPT: 1 };
  var URL_ATTRS = { href: 1, src: 1, action: 1, formaction: 1, 'xlink:href': 1, srcset: 1, poster: 1 };

  // The only way HTML gets into the page: the documented fields, which tiku
  // has sanitised.  Parsed in an inert <template>, swept once more (defence
  // in depth: no scripts, no handlers, no javascript: URLs), then moved in.
  function trustedHTML(node, html) {
    var t = document.createElement('template');
    t.innerHTML = html == null ? '' : String(html);
    var all = t.content.querySelectorAll('*');
    for (var i = 0; i < all.length; i++) {
      var e = all[i];
      if (BAD_TAGS[e.tagName.toUpperCase()]) { e.remove(); continue; }
      for (var j = e.attributes.length - 1; j >= 0; j--) {
        var a = e.attributes[j], name = a.name.toLowerCase();
        if (name.slice(0, 2) === 'on' ||
            (URL_ATTRS[name] && /^\s*(javascript|vbscript|data):/i.test(a.value) &&
             !(name === 'src' && /^\s*data:image\//i.test(a.value)))) e.removeAttribute(a.name);
      }
      if (e.tagName === 'A' && /^https?:/i.test(e.getAttribute('href') || '')) {
        e.setAttribute('target', '_blank');
        e.setAttribute('rel', 'noopener noreferrer');
      }
    }
    node.appendChild(t.content);
    return node;
  }

  function live(msg) {
    var r = document.getElementById('tiku-live');
    if (!r) return;
    r.textContent = '';
    setTimeout(function () { r.textContent = msg; }, 30);
  }

  var uid = 0;
  function nextId(p) { uid += 1; return (p || 'f') + uid; }

  /* ---------- the course, indexed ---------- */

  var C = D.course;
  var PASS = typeof C.pass === 'number' ? C.pass : (parseFloat(C.pass) || 60);
  var lessons = D.lessons || [];
  var modules = D.modules || [];
  var tests = D.tests || [];
  var items = D.items || {};
  var itemIds = Object.keys(items);
  var lessonIndex = {};
  lessons.forEach(function (l, i) { lessonIndex[l.id] = i; });

  var AUTO = { single: 1, multiple: 1, truefalse: 1, fill: 1 };
  var TYPE_NAME = { single: '单选题', multiple: '多选题', truefalse: '判断题', fill: '填空题',
    short: '简答题', 'case': '案例分析题', task: '操作题' };

  function isAuto(it) { return !!(it && AUTO[it.type]); }
  function points(it) { var p = it && Number(it.points); return isFinite(p) && p > 0 ? p : 1; }

  // every practice item of the course once, in lesson order
  var practiceList = [];
  (function () {
    var seen = {};
    lessons.forEach(function (l) {
      (l.practice || []).forEach(function (id) {
        if (items[id] && !seen[id]) { seen[id] = 1; practiceList.push(id); }
      });
    });
  })();
  var practicePos = {};
  practiceList.forEach(function (id, i) { practicePos[id] = i; });
  var autoPractice = practiceList.filter(function (id) { return isAuto(items[id]); });

  // an item's points in a test: its section's when the blueprint sets them
  function testPoints(t, id) {
    var secs = t.sections || [];
    for (var i = 0; i < secs.length; i++) {
      var p = Number(secs[i].points);
      if ((secs[i].items || []).indexOf(id) >= 0 && isFinite(p) && p > 0) return p;
    }
    return points(items[id]);
  }
  function testItems(t) {
    var out = [];
    (t.sections || []).forEach(function (s) {
      (s.items || []).forEach(function (id) { if (items[id]) out.push(id); });
    });
    return out;
  }
  var examIndex = null;
  tests.forEach(function (t, i) { if (examIndex === null && t.kind === 'exam') examIndex = i; });

  /* ---------- marking ---------- */

  // fill answers compare after this: full-width digits to 0-9, the
  // ideographic and other spaces to one space, trimmed
  function norm(s) {
    return oneLine(String(s == null ? '' : s)
      .replace(/[\uFF10-\uFF19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); }));
  }
  function oneLine(s) { return String(s == null ? '' : s).replace(/[\u3000\u00A0\s]+/g, ' ').trim(); }
  function sortedKeys(s) { return String(s || '').split('').sort().join(''); }

  // true / false, or null for open items (self-marked)
  function mark(it, r) {
    if (!it || r === undefined || r === null) return false;
    switch (it.type) {
      case 'single': return r === it.answer;
      case 'truefalse': return r === String(it.answer);
      case 'multiple': return r !== '' && sortedKeys(r) === sortedKeys(it.answer);
      case 'fill': {
        var acc = Array.isArray(it.answer) ? it.answer : [];
        if (!Array.isArray(r) || !acc.length) return false;
        return acc.every(function (alts, i) {
          var v = norm(r[i]);
          var list = Array.isArray(alts) ? alts : [alts];
          return v !== '' && list.some(function (a) { return norm(a) === v; });
        });
      }
      default: return null;
    }
  }
  function blanks(it) { return Array.isArray(it.answer) && it.answer.length ? it.answer.length : 1; }
  function hasResponse(it, r) {
    if (r === undefined || r === null) return false;
    if (Array.isArray(r)) return r.some(function (x) { return norm(x) !== ''; });
    return String(r).trim() !== '';
  }

  /* ---------- progress state ---------- */

  // visited: {lessonIndex: 1}; p: {itemId: {r: response, ok: true|false|null, m: 'y'|'n'}};
  // t: [{s: start ms, a: {itemId: response}, done: bool, to: bool, pct: number|null}]
  function freshState() { return { visited: {}, p: {}, t: [], route: '' }; }
  var state = freshState();

  /* Compact encoding, shared by localStorage and SCORM suspend data:
   * JSON [1, hash, visited, pTokens, pTexts, tests]
   *   hash     FNV-1a of the item and lesson ids: data of another course is ignored
   *   visited  lesson bits, 5 to a base-32 digit
   *   pTokens  one token per item of practiceList, comma-joined, trailing empties cut:
   *            single/multiple option letters by position (a = first), truefalse t/f,
   *            fill 1/0 (correct/wrong), open s (submitted) y (会) n (不会)
   *   pTexts   {position in base 36: text (open) or [texts] (fill)}
   *   tests    per test: 0, or [start s base 36, done|timeout<<1, pct or -1, tokens, texts]
   * Too long for the LMS: texts go first, then the answers of submitted tests,
   * then all test answers; scores and practice results always stay. */
  var HASH = (function () {
    // everything the positions in the encoding depend on
    var s = itemIds.map(function (id) {
      var it = items[id];
      return id + ' ' + it.type + ' ' + (it.options || []).map(function (o) { return o.key; }).join('') + ' ' + blanks(it);
    }).join('\n') + '\n\n' + lessons.map(function (l) { return l.id + ':' + (l.practice || []).join(','); }).join('\n') +
      '\n\n' + tests.map(function (t) { return t.id + ':' + testItems(t).join(','); }).join('\n');
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h.toString(36);
  })();

  function optIndexLetters(it, keys) {
    var opts = it.options || [], out = '';
    opts.forEach(function (o, i) { if (String(keys).indexOf(o.key) >= 0) out += String.fromCharCode(97 + i); });
    return out;
  }
  function lettersToKeys(it, letters) {
    var opts = it.options || [], out = '';
    for (var i = 0; i < letters.length; i++) {
      var o = opts[letters.charCodeAt(i) - 97];
      if (o) out += o.key;
    }
    return out;
  }

  function tokenOf(it, a) {
    if (!a) return '';
    switch (it.type) {
      case 'single': case 'multiple': return a.r ? optIndexLetters(it, a.r) : '';
      case 'truefalse': return a.r === 'true' ? 't' : a.r === 'false' ? 'f' : '';
      case 'fill': return a.ok === true ? '1' : a.ok === false ? '0' : '';
      default: return a.m === 'y' ? 'y' : a.m === 'n' ? 'n' : 's';
    }
  }
  function fromToken(it, tok, text) {
    if (!tok) return null;
    var a = { r: undefined, ok: null };
    switch (it.type) {
      case 'single': case 'multiple':
        a.r = lettersToKeys(it, tok); if (!a.r) return null; a.ok = mark(it, a.r); break;
      case 'truefalse': a.r = tok === 't' ? 'true' : 'false'; a.ok = mark(it, a.r); break;
      case 'fill':
        if (Array.isArray(text)) { a.r = text; a.ok = mark(it, text); } else a.ok = tok === '1';
        break;
      default:
        if (typeof text === 'string') a.r = text;
        if (tok === 'y' || tok === 'n') a.m = tok;
    }
    return a;
  }
  function textOf(it, a) {
    if (!a || a.r === undefined) return undefined;
    if (it.type === 'fill') return Array.isArray(a.r) ? a.r : undefined;
    if (!AUTO[it.type]) return typeof a.r === 'string' ? a.r : undefined;
    return undefined;
  }
  function encodeList(ids, get, withText) {
    var toks = [], texts = {}, nt = 0;
    ids.forEach(function (id, i) {
      var a = get(id);
      toks.push(tokenOf(items[id], a));
      if (withText) {
        var tx = textOf(items[id], a);
        if (tx !== undefined) { texts[i.toString(36)] = tx; nt++; }
      }
    });
    while (toks.length && toks[toks.length - 1] === '') toks.pop();
    return [toks.join(','), nt ? texts : 0];
  }
  function decodeList(ids, toks, texts, put) {
    String(toks || '').split(',').forEach(function (tok, i) {
      var id = ids[i];
      if (!id || !tok) return;
      var a = fromToken(items[id], tok, texts ? texts[i.toString(36)] : undefined);
      if (a) put(id, a);
    });
  }

  function encodeState(st, level) {
    var vis = '', bits = 0, nb = 0;
    for (var i = 0; i < lessons.length; i++) {
      if (st.visited[i]) bits |= 1 << nb;
      nb++;
      if (nb === 5 || i === lessons.length - 1) { vis += bits.toString(32); bits = 0; nb = 0; }
    }
    var p = encodeList(practiceList, function (id) { return st.p[id]; }, level < 1);
    var ts = tests.map(function (t, n) {
      var s = st.t[n];
      if (!s) return 0;
      var keep = level < 2 || (level < 3 && !s.done);
      var l = keep ? encodeList(testItems(t), function (id) {
        var r = s.a[id];
        return r === undefined ? null : { r: r, ok: mark(items[id], r), m: undefined };
      }, level < 1) : ['', 0];
      return [Math.floor((s.s || 0) / 1000).toString(36), (s.done ? 1 : 0) | (s.to ? 2 : 0),
        typeof s.pct === 'number' ? s.pct : -1, l[0], l[1]];
    });
    while (ts.length && ts[ts.length - 1] === 0) ts.pop();
    return JSON.stringify([1, HASH, vis, p[0], p[1], ts]);
  }
  function encodeLimited(st, limit) {
    for (var level = 0; level < 4; level++) {
      var s = encodeState(st, level);
      if (!limit || s.length <= limit) return s;
    }
    return null;
  }
  function decodeState(str) {
    var x;
    try { x = JSON.parse(str); } catch (e) { return null; }
    if (!Array.isArray(x) || x[0] !== 1 || x[1] !== HASH) return null;
    var st = freshState();
    String(x[2] || '').split('').forEach(function (c, k) {
      var bits = parseInt(c, 32) || 0;
      for (var b = 0; b < 5; b++) if (bits & (1 << b)) st.visited[k * 5 + b] = 1;
    });
    decodeList(practiceList, x[3], x[4] || null, function (id, a) { st.p[id] = a; });
    (Array.isArray(x[5]) ? x[5] : []).forEach(function (e, n) {
      if (!Array.isArray(e) || !tests[n]) return;
      var s = { s: (parseInt(e[0], 36) || 0) * 1000, a: {}, done: !!(e[1] & 1), to: !!(e[1] & 2),
        pct: typeof e[2] === 'number' && e[2] >= 0 ? e[2] : null };
      decodeList(testItems(tests[n]), e[3], e[4] || null, function (id, a) {
        if (a.r !== undefined) s.a[id] = a.r;
      });
      st.t[n] = s;
    });
    return st;
  }

  var STORE_KEY = 'tiku:' + C.id + ':' + (C.version || '');
  var learner = '';
  function loadLocal() {
    try {
      var raw = window.localStorage.getItem(STORE_KEY);
      if (!raw) return null;
      var o = JSON.parse(raw);
      if (!o || (o.l || '') !== learner) return null;
      var st = decodeState(o.s);
      if (st) st.route = typeof o.r === 'string' ? o.r : '';
      return st;
    } catch (e) { return null; }
  }
  function saveLocal() {
    try {
      window.localStorage.setItem(STORE_KEY, JSON.stringify({ s: encodeState(state, 0), r: state.route, l: learner }));
    } catch (e) { /* private mode or full: progress lives for this visit only */ }
  }

  /* ---------- scores ---------- */

  function practiceScore() {
    var total = 0, got = 0, all = true, answered = 0;
    autoPractice.forEach(function (id) {
      var pts = points(items[id]), a = state.p[id];
      total += pts;
      if (a && a.ok === true) got += pts;
      if (a && typeof a.ok === 'boolean') answered++; else all = false;
    });
    return { pct: total ? Math.round(100 * got / total) : 0, all: all, answered: answered, total: autoPractice.length };
  }
  function markTest(n) {
    var s = state.t[n], total = 0, got = 0;
    testItems(tests[n]).forEach(function (id) {
      var it = items[id];
      if (!isAuto(it)) return;
      total += testPoints(tests[n], id);
      if (s && mark(it, s.a[id]) === true) got += testPoints(tests[n], id);
    });
    return { pct: total ? Math.round(100 * got / total) : 0, got: got, total: total };
  }
  function visitedCount() {
    var n = 0;
    for (var i = 0; i < lessons.length; i++) if (state.visited[i]) n++;
    return n;
  }
  // the SCORM scoring rule of docs/bundle.md
  function courseResult() {
    if (examIndex !== null) {
      var e = state.t[examIndex];
      if (e && typeof e.pct === 'number') return { raw: e.pct, final: true, passed: e.pct >= PASS };
      return { raw: practiceScore().pct, final: false };
    }
    if (!autoPractice.length) {
      var done = visitedCount() === lessons.length;
      return { raw: done ? 100 : 0, final: done, passed: done };
    }
    var p = practiceScore();
    if (p.all) return { raw: p.pct, final: true, passed: p.pct >= PASS };
    return { raw: p.pct, final: false };
  }

  /* ---------- SCORM ---------- */

  var lms = null;
  var started = Date.now();

  function findAPI(name) {
    function walk(w) {
      for (var i = 0; w && i <= 10; i++) {
        try { if (w[name]) return w[name]; } catch (e) { /* another origin: go on up */ }
        var p;
        try { p = w.parent; } catch (e) { p = null; }
        if (!p || p === w) break;
        w = p;
      }
      return null;
    }
    var api = walk(window);
    if (!api) { try { if (window.opener) api = walk(window.opener); } catch (e) { api = null; } }
    return api;
  }

  function pad(n, w) { n = String(n); while (n.length < (w || 2)) n = '0' + n; return n; }
  function scorm12Time(ms) {
    var cs = Math.round(ms / 10), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60,
      s = Math.floor(cs / 100) % 60, c = cs % 100;
    return pad(Math.min(h, 9999), 4) + ':' + pad(m) + ':' + pad(s) + '.' + pad(c);
  }
  function isoDuration(ms) {
    var cs = Math.round(ms / 10), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60,
      s = (cs % 6000) / 100;
    return 'PT' + (h ? h + 'H' : '') + (m ? m + 'M' : '') + s + 'S';
  }
  function clock(d) { return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()); }
  function timestamp(d) {
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + clock(d);
  }

  function Lms(v, api) {
    this.v = v; this.api = api; this.map = {}; this.next = 0; this.done = false;
    var f = v === 12 ? ['LMSInitialize', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSFinish']
      : ['Initialize', 'GetValue', 'SetValue', 'Commit', 'Terminate'];
    this.f = f;
  }
  Lms.prototype.call = function (i, a, b) {
    try {
      var r = this.api[this.f[i]].apply(this.api, i === 2 ? [a, b] : i === 1 ? [a] : ['']);
      return r === undefined || r === null ? '' : String(r);
    } catch (e) { return ''; }
  };
  Lms.prototype.get = function (k) { return this.call(1, k); };
  Lms.prototype.set = function (k, v) { return this.done ? false : this.call(2, k, String(v)) === 'true'; };
  Lms.prototype.commit = function () { if (!this.done) this.call(3); };
  Lms.prototype.k = function (k12, k04) { return this.v === 12 ? k12 : k04; };

  function startLms() {
    var fmt = D.format;
    var v = fmt === 'scorm12' ? 12 : fmt === 'scorm2004' ? 2004 : 0;
    if (!v) return null;
    var api = findAPI(v === 12 ? 'API' : 'API_1484_11');
    if (!api) return null;
    var L = new Lms(v, api);
    if (L.call(0) !== 'true') return null;
    L.entry = L.get(L.k('cmi.core.entry', 'cmi.entry'));
    L.suspend = L.get(L.k('cmi.suspend_data', 'cmi.suspend_data'));
    L.location = L.get(L.k('cmi.core.lesson_location', 'cmi.location'));
    L.learner = L.get(L.k('cmi.core.student_id', 'cmi.learner_id'));
    var mode = L.get(L.k('cmi.core.lesson_mode', 'cmi.mode'));
    L.review = mode === 'review' || mode === 'browse';
    var count = parseInt(L.get('cmi.interactions._count'), 10);
    L.next = isFinite(count) && count > 0 ? count : 0;
    // SCORM 2004 lets the SCO read interaction ids back: a re-answered item
    // keeps its row across sessions.  SCORM 1.2's ids are write-only, so
    // there rows from earlier sessions stay as they are (a journal) and
    // re-answers in this session update this session's row.
    if (v === 2004) {
      for (var i = 0; i < L.next; i++) {
        var id = L.get('cmi.interactions.' + i + '.id');
        if (id) L.map[id] = i;
      }
    }
    return L;
  }

  function lmsReport(doCommit) {
    if (!lms || lms.done) return;
    var L = lms, r = courseResult();
    if (!L.review) {
      if (L.v === 12) {
        L.set('cmi.core.lesson_status', r.final ? (r.passed ? 'passed' : 'failed') : 'incomplete');
        L.set('cmi.core.score.min', 0);
        L.set('cmi.core.score.max', 100);
        L.set('cmi.core.score.raw', r.raw);
        L.set('cmi.core.exit', r.final ? '' : 'suspend');
      } else {
        L.set('cmi.completion_status', r.final ? 'completed' : 'incomplete');
        L.set('cmi.success_status', r.final ? (r.passed ? 'passed' : 'failed') : 'unknown');
        L.set('cmi.score.min', 0);
        L.set('cmi.score.max', 100);
        L.set('cmi.score.raw', r.raw);
        L.set('cmi.score.scaled', r.raw / 100);
        L.set('cmi.progress_measure', lessons.length ? Math.round(1000 * visitedCount() / lessons.length) / 1000 : 1);
        L.set('cmi.exit', 'suspend');
      }
    }
    var loc = state.route || '';
    if (loc.length <= 255) L.set(L.k('cmi.core.lesson_location', 'cmi.location'), loc);
    var sd = encodeLimited(state, L.v === 12 ? 4096 : 64000);
    if (sd !== null) L.set('cmi.suspend_data', sd);
    if (doCommit) L.commit();
  }

  function lmsResponse(it, r) {
    var v = lms.v;
    function clip(s, n) { s = String(s); return s.length > n ? s.slice(0, n) : s; }
    switch (it.type) {
      case 'single': case 'multiple':
        return String(r).split('').map(function (k) { return k.toLowerCase(); }).join(v === 12 ? ',' : '[,]');
      case 'truefalse': return v === 12 ? (r === 'true' ? 't' : 'f') : (r === 'true' ? 'true' : 'false');
      case 'fill':
        if (v === 12) return clip((r || []).map(norm).join(','), 255);
        return (r || []).map(function (x) {
          return clip(norm(x).replace(/\[,\]/g, ',').replace(/^\{/, '\uFF5B'), 250);
        }).join('[,]');
      default:
        // one line: SCORM's characterstrings here take no line breaks, and a
        // 2004 string may not start with "{" (a {lang=...} delimiter)
        return v === 12 ? clip(oneLine(r), 255) : clip(oneLine(r).replace(/^\{/, '\uFF5B'), 4000);
    }
  }
  var LMS_TYPE = { 12: { single: 'choice', multiple: 'choice', truefalse: 'true-false', fill: 'fill-in' },
    2004: { single: 'choice', multiple: 'choice', truefalse: 'true-false', fill: 'fill-in' } };

  function lmsInteraction(id, r, ok) {
    if (!lms || lms.done || lms.review) return;
    var L = lms, it = items[id];
    var n = L.map[id];
    if (n === undefined) { n = L.next; }
    var p = 'cmi.interactions.' + n + '.';
    if (!L.set(p + 'id', id)) return;
    if (n === L.next) { L.map[id] = n; L.next += 1; }
    var type = LMS_TYPE[L.v][it.type] || (L.v === 12 ? 'performance' : 'long-fill-in');
    var result = ok === true ? 'correct' : ok === false ? (L.v === 12 ? 'wrong' : 'incorrect') : 'neutral';
    var now = new Date();
    L.set(p + 'type', type);
    if (L.v === 12) {
      L.set(p + 'student_response', lmsResponse(it, r));
      L.set(p + 'result', result);
      L.set(p + 'time', clock(now));
    } else {
      L.set(p + 'learner_response', lmsResponse(it, r));
      L.set(p + 'result', result);
      L.set(p + 'timestamp', timestamp(now));
    }
    L.set(p + 'weighting', points(it));
  }

  function lmsFinish() {
    if (!lms || lms.done) return;
    lmsReport(false);
    lms.set(lms.k('cmi.core.session_time', 'cmi.session_time'),
      lms.v === 12 ? scorm12Time(Date.now() - started) : isoDuration(Date.now() - started));
    lms.commit();
    lms.call(4);
    lms.done = true;
  }

  /* ---------- saving ---------- */

  function save(commit) {
    saveLocal();
    lmsReport(commit !== false);
  }

  /* ---------- routing ---------- */

  var cleanup = [];
  function onLeave(f) { cleanup.push(f); }

  function parseRoute() {
    var h = location.hash.replace(/^#/, '') || here;
    var i = h.indexOf('/');
    var name = i < 0 ? h : h.slice(0, i);
    var arg = i < 0 ? '' : h.slice(i + 1);
    try { arg = decodeURIComponent(arg); } catch (e) { /* keep it raw */ }
    return { name: name, arg: arg, raw: h };
  }
  // where this page stands when it has no hash: a lesson's own page.  Links
  // from it lead into index.html, where the course keeps one place to
  // store progress: browsers may give each file: page a storage of its own
  var here = main.getAttribute('data-route') || '';
  function href(name, arg) {
    return (here ? 'index.html' : '') + '#' + name + (arg === undefined ? '' : '/' + encodeURIComponent(arg));
  }
  function homeHref() { return here ? 'index.html' : '#'; }
  function routeHref(route) {
    var i = route.indexOf('/');
    return i < 0 ? href(route) : href(route.slice(0, i), route.slice(i + 1));
  }

  function render(focus) {
    while (cleanup.length) { try { cleanup.pop()(); } catch (e) { /* ignore */ } }
    var r = parseRoute();
    main.textContent = '';
    var view = VIEWS[r.name] || (r.name === '' ? viewHome : viewMissing);
    var shown = view(r.arg) !== false;
    var q = document.getElementById('tiku-search');
    if (q && r.name !== 'search') q.value = '';
    // the last place: lessons, practice and tests (home and search are not places)
    if (shown && PLACES[r.name]) state.route = r.name + '/' + r.arg;
    save(true);
    if (focus) {
      var h = main.querySelector('h1');
      if (h) { h.setAttribute('tabindex', '-1'); h.focus({ preventScroll: true }); }
      window.scrollTo(0, 0);
    }
  }

  function viewMissing() {
    document.title = '找不到页面 - ' + C.title;
    add(main, [el('h1', null, '找不到这个页面'), el('p', null, el('a', { href: homeHref() }, '返回课程首页'))]);
    return false;
  }

  function moduleHours(m) {
    var h = 0;
    (m.lessons || []).forEach(function (i) { var l = lessons[i]; if (l) h += parseFloat(l.hours) || 0; });
    return Math.round(h * 10) / 10;
  }

  function routeTitle(route) {
    var i = route.indexOf('/'), name = i < 0 ? route : route.slice(0, i), arg = i < 0 ? '' : route.slice(i + 1);
    var l = lessons[lessonIndex[arg]];
    if (name === 'lesson' && l) return l.title;
    if (name === 'practice' && l) return '练习：' + l.title;
    if (name === 'test' && tests[+arg]) return tests[+arg].title;
    return null;
  }

  /* ---------- home ---------- */

  function viewHome() {
    document.title = C.title;
    var ps = practiceScore(), vc = visitedCount();
    var head = el('div', { class: 'course-head' },
      el('h1', null, C.title),
      C.description ? el('p', { class: 'lead' }, C.description) : null,
      el('ul', { class: 'facts' },
        C.standardTitle ? el('li', null, '职业：' + C.standardTitle) : null,
        C.levelName ? el('li', null, '等级：' + C.levelName) : null,
        C.hours ? el('li', null, '学时：' + C.hours) : null,
        el('li', null, '及格线：' + PASS + ' 分')));
    add(main, head);

    var prog = el('section', { class: 'progress-box', 'aria-labelledby': 'prog-h' },
      el('h2', { id: 'prog-h' }, '学习进度'),
      el('p', null, el('label', { for: 'prog-lessons' }, '已学课文 ' + vc + ' / ' + lessons.length + ' 课'), ' ',
        el('progress', { id: 'prog-lessons', max: lessons.length || 1, value: vc }, vc + ' / ' + lessons.length)),
      autoPractice.length ? el('p', null, '练习已答 ' + ps.answered + ' / ' + ps.total + ' 题，练习得分 ' + ps.pct + ' 分') : null);
    if (examIndex !== null) {
      var e = state.t[examIndex];
      add(prog, el('p', null, typeof (e && e.pct) === 'number'
        ? tests[examIndex].title + '最近得分 ' + e.pct + ' 分（' + (e.pct >= PASS ? '通过' : '未通过') + '）'
        : tests[examIndex].title + '：尚未参加'));
    }
    var resume = state.route && routeTitle(state.route);
    if (resume) add(prog, el('p', null, el('a', { class: 'button', href: routeHref(state.route) }, '继续学习：' + resume)));
    add(prog, resetControl());
    add(main, prog);

    modules.forEach(function (m, mi) {
      var sec = el('section', { class: 'module', 'aria-labelledby': 'mod-' + mi },
        el('h2', { id: 'mod-' + mi }, m.title),
        el('p', { class: 'meta' }, (m.lessons || []).length + ' 课 · ' + moduleHours(m) + ' 学时'));
      var ol = el('ol', { class: 'lesson-list' });
      (m.lessons || []).forEach(function (li) {
        var l = lessons[li];
        if (!l) return;
        ol.appendChild(el('li', { class: state.visited[li] ? 'visited' : null },
          el('a', { href: href('lesson', l.id) }, l.title),
          el('span', { class: 'meta' }, ' ' + (l.hours ? l.hours + ' 学时' : '') + (state.visited[li] ? ' · 已学' : ''))));
      });
      sec.appendChild(ol);
      if (typeof m.test === 'number' && tests[m.test]) {
        var mt = tests[m.test];
        sec.appendChild(el('p', { class: 'module-test' }, el('a', { href: href('test', m.test) }, mt.title),
          el('span', { class: 'meta' }, ' 单元测验 · ' + testItems(mt).length + ' 题 · ' + mt.minutes + ' 分钟')));
      }
      main.appendChild(sec);
    });
    var exams = [];
    tests.forEach(function (t, i) { if (t.kind === 'exam') exams.push(i); });
    if (exams.length) {
      var sec = el('section', { class: 'module', 'aria-labelledby': 'exam-h' }, el('h2', { id: 'exam-h' }, '模拟考试'));
      var ul = el('ul', { class: 'lesson-list' });
      exams.forEach(function (i) {
        var t = tests[i];
        ul.appendChild(el('li', null, el('a', { href: href('test', i) }, t.title),
          el('span', { class: 'meta' }, ' ' + testItems(t).length + ' 题 · ' + t.minutes + ' 分钟')));
      });
      sec.appendChild(ul);
      main.appendChild(sec);
    }
  }

  function resetControl() {
    var box = el('div', { class: 'reset' });
    function ask() {
      box.textContent = '';
      var yes = el('button', { type: 'button', class: 'danger', 'data-action': 'reset-confirm' }, '确定清除');
      var no = el('button', { type: 'button', class: 'secondary' }, '取消');
      add(box, [el('p', { class: 'confirm' }, '确定清除本课程的全部学习记录（已学课文、练习和考试答案）吗？'), yes, ' ', no]);
      yes.addEventListener('click', function () {
        state = freshState();
        if (lms) lms.map = {};
        save(true);
        live('学习记录已清除。');
        render(true);
      });
      no.addEventListener('click', function () { idle(); box.querySelector('button').focus(); });
      no.focus();
    }
    function idle() {
      box.textContent = '';
      box.appendChild(el('button', { type: 'button', class: 'secondary', 'data-action': 'reset', on: { click: ask } }, '清除学习记录'));
    }
    idle();
    return box;
  }

  /* ---------- lessons ---------- */

  function enhanceBody(article) {
    Array.prototype.forEach.call(article.querySelectorAll('table'), function (t) {
      if (t.parentNode && t.parentNode.classList && t.parentNode.classList.contains('table-wrap')) return;
      var w = el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': '表格（可左右滚动）' });
      t.parentNode.insertBefore(w, t);
      w.appendChild(t);
    });
    Array.prototype.forEach.call(article.querySelectorAll('pre'), function (p) { p.setAttribute('tabindex', '0'); });
    Array.prototype.forEach.call(article.querySelectorAll('img'), function (im) {
      if (!im.hasAttribute('alt')) im.setAttribute('alt', '');
      im.setAttribute('loading', 'lazy');
    });
  }

  function viewLesson(id) {
    var i = lessonIndex[id];
    if (i === undefined) return viewMissing();
    var l = lessons[i], m = modules[l.module];
    document.title = l.title + ' - ' + C.title;
    state.visited[i] = 1;
    // the lesson's title is in the trail even where the body's heading words it otherwise
    add(main, el('nav', { class: 'crumbs', 'aria-label': '位置' },
      el('a', { href: homeHref() }, '课程首页'), ' › ', m ? m.title + ' › ' : '',
      el('span', { 'aria-current': 'page' }, l.title)));
    var article = el('article', { class: 'lesson-body' });
    trustedHTML(article, l.html);
    if (!article.querySelector('h1')) article.insertBefore(el('h1', null, l.title), article.firstChild);
    enhanceBody(article);
    var h1 = article.querySelector('h1');
    var meta = el('p', { class: 'meta lesson-meta' },
      (l.hours ? l.hours + ' 学时' : ''), (l.codes && l.codes.length ? ' · 要求 ' + l.codes.join(' ') : ''));
    h1.parentNode.insertBefore(meta, h1.nextSibling);
    main.appendChild(article);
    var prac = (l.practice || []).filter(function (x) { return items[x]; });
    if (prac.length) {
      var done = prac.filter(function (x) { return state.p[x]; }).length;
      add(main, el('p', { class: 'practice-link' },
        el('a', { class: 'button', href: href('practice', l.id) }, '做本课练习（' + prac.length + ' 题）'),
        done ? el('span', { class: 'meta' }, ' 已答 ' + done + ' 题') : null));
    }
    main.appendChild(pager(i));
  }

  function pager(i) {
    var prev = lessons[i - 1], next = lessons[i + 1];
    return el('nav', { class: 'pager', 'aria-label': '课文导航' },
      prev ? el('a', { href: href('lesson', prev.id), rel: 'prev' }, el('span', { class: 'dir' }, '上一课'), prev.title) : el('span'),
      next ? el('a', { href: href('lesson', next.id), rel: 'next' }, el('span', { class: 'dir' }, '下一课'), next.title) : el('span'));
  }

  /* ---------- items ---------- */

  function answerText(it) {
    if (it.type === 'truefalse') return it.answer === 'true' ? '正确' : '错误';
    if (it.type === 'fill') {
      return (it.answer || []).map(function (alts, i) {
        var list = Array.isArray(alts) ? alts : [alts];
        return (it.answer.length > 1 ? '第 ' + (i + 1) + ' 空：' : '') + list.join(' 或 ');
      }).join('；');
    }
    return String(it.answer || '');
  }

  /* One item: stem, inputs, and the feedback area.
   * opts: {n: number, level: heading level, name: input-name prefix,
   *        get(): saved response, put(r): remember (test mode),
   *        submit: bool (practice: own 提交 button), reveal: bool (show marking now)} */
  function itemView(id, opts) {
    var it = items[id];
    var sec = el('section', { class: 'item', 'data-item-id': id, 'data-type': it.type });
    var hid = nextId('h');
    sec.setAttribute('aria-labelledby', hid);
    sec.appendChild(el('h' + opts.level, { id: hid, class: 'item-head' }, '第 ' + opts.n + ' 题',
      el('span', { class: 'qtype' }, (TYPE_NAME[it.type] || '题') + ' · ' +
        (opts.points || points(it)) + ' 分')));
    var stem = trustedHTML(el('div', { class: 'stem', id: nextId('s') }), it.stem);
    sec.appendChild(stem);
    var saved = opts.get();
    var name = opts.name + '-' + nextId('n');
    var inputs = [];
    var body;

    if (it.type === 'single' || it.type === 'multiple' || it.type === 'truefalse') {
      var multi = it.type === 'multiple';
      var opts2 = it.type === 'truefalse'
        ? [{ key: 'true', label: '正确' }, { key: 'false', label: '错误' }]
        : (it.options || []).map(function (o) { return { key: o.key, html: o.html }; });
      body = el('fieldset', { class: 'options' + (it.type === 'truefalse' ? ' tf' : '') },
        el('legend', { class: 'sr-only' }, multi ? '选项（可多选）' : '选项'));
      opts2.forEach(function (o) {
        var iid = nextId('o');
        var inp = el('input', { type: multi ? 'checkbox' : 'radio', name: name, id: iid, value: o.key });
        if (saved !== undefined && saved !== null && (multi ? String(saved).indexOf(o.key) >= 0 : saved === o.key)) inp.checked = true;
        inputs.push(inp);
        var lab = el('label', { for: iid, class: 'option' }, inp);
        if (o.label) add(lab, el('span', { class: 'opt' }, o.label));
        else {
          add(lab, el('span', { class: 'key' }, o.key + '.'));
          lab.appendChild(trustedHTML(el('span', { class: 'opt' }), o.html));
        }
        body.appendChild(lab);
      });
    } else if (it.type === 'fill') {
      body = el('div', { class: 'blanks' });
      var nb = blanks(it);
      for (var b = 0; b < nb; b++) {
        var iid2 = nextId('b');
        var inp2 = el('input', { type: 'text', id: iid2, class: 'blank', autocomplete: 'off', spellcheck: 'false' });
        if (Array.isArray(saved) && saved[b] !== undefined) inp2.value = saved[b];
        inputs.push(inp2);
        body.appendChild(el('p', { class: 'blank-row' }, el('label', { for: iid2 }, nb > 1 ? '第 ' + (b + 1) + ' 空' : '答案'), ' ', inp2));
      }
    } else {
      var iid3 = nextId('t');
      var ta = el('textarea', { id: iid3, rows: 5, class: 'open-answer' });
      if (typeof saved === 'string') ta.value = saved;
      inputs.push(ta);
      body = el('div', { class: 'open' }, el('label', { for: iid3 }, '你的作答'), ta);
    }
    sec.appendChild(body);

    function read() {
      if (it.type === 'multiple') return inputs.filter(function (x) { return x.checked; }).map(function (x) { return x.value; }).join('');
      if (it.type === 'single' || it.type === 'truefalse') {
        var c = inputs.filter(function (x) { return x.checked; })[0];
        return c ? c.value : undefined;
      }
      if (it.type === 'fill') return inputs.map(function (x) { return x.value; });
      return inputs[0].value;
    }

    var verdict = el('div', { class: 'verdict', 'aria-live': 'polite' });
    var detail = el('div', { class: 'detail' });
    var ctl = el('div', { class: 'item-actions' });
    sec.appendChild(ctl);
    sec.appendChild(el('div', { class: 'feedback' }, verdict, detail));

    function showDetail(r, ok, m, selfMark) {
      detail.textContent = '';
      if (AUTO[it.type]) {
        if (ok === false) add(detail, el('p', { class: 'key-answer' }, '正确答案：' + answerText(it)));
      } else if (it.reference) {
        add(detail, el('div', { class: 'reference' }, el('p', { class: 'label' }, '参考答案'), trustedHTML(el('div'), it.reference)));
      }
      if (it.explanation) add(detail, el('div', { class: 'explanation' }, el('p', { class: 'label' }, '解析'), trustedHTML(el('div'), it.explanation)));
      if (selfMark) detail.appendChild(selfMark);
    }
    function setVerdict(ok, m, text) {
      verdict.setAttribute('data-result', ok === true ? 'correct' : ok === false ? 'wrong' : 'neutral');
      verdict.className = 'verdict ' + (ok === true ? 'ok' : ok === false ? 'bad' : 'neutral');
      verdict.textContent = text;
    }
    function verdictText(ok, m) {
      if (ok === true) return '✓ 正确';
      if (ok === false) return '✗ 错误';
      return m === 'y' ? '已提交 · 自评：会' : m === 'n' ? '已提交 · 自评：不会' : '已提交，请对照参考答案自评';
    }
    function selfMarkView(a) {
      var box = el('div', { class: 'self-mark', role: 'group', 'aria-label': '自评' }, el('span', null, '对照参考答案，你掌握了吗？'));
      [['y', '会'], ['n', '不会']].forEach(function (p) {
        var btn = el('button', { type: 'button', class: 'secondary', 'aria-pressed': a.m === p[0] ? 'true' : 'false', 'data-self': p[0] }, p[1]);
        btn.addEventListener('click', function () {
          a.m = p[0];
          Array.prototype.forEach.call(box.querySelectorAll('button'), function (b) {
            b.setAttribute('aria-pressed', b === btn ? 'true' : 'false');
          });
          setVerdict(null, a.m, verdictText(null, a.m));
          save(true);
        });
        add(box, [' ', btn]);
      });
      return box;
    }

    function reveal(r, ok, a) {
      setVerdict(ok, a && a.m, verdictText(ok, a && a.m));
      showDetail(r, ok, a && a.m, opts.submit && !AUTO[it.type] && a ? selfMarkView(a) : null);
    }

    if (opts.submit) {
      var btn = el('button', { type: 'button', class: 'submit' }, '提交');
      ctl.appendChild(btn);
      btn.addEventListener('click', function () {
        var r = read();
        if (!hasResponse(it, r)) {
          setVerdict(null, null, '请先作答，再提交。');
          verdict.setAttribute('data-result', 'empty');
          return;
        }
        var ok = mark(it, r);
        var prev = state.p[id];
        var a = { r: r, ok: ok, m: !AUTO[it.type] && prev && prev.r === r ? prev.m : undefined };
        state.p[id] = a;
        reveal(r, ok, a);
        lmsInteraction(id, r, ok);
        save(true);
        if (opts.onChange) opts.onChange();
      });
      var a0 = state.p[id];
      if (a0) {
        if (a0.r === undefined && AUTO[it.type]) {
          setVerdict(a0.ok, null, verdictText(a0.ok) + '（之前的作答未保存）');
          showDetail(undefined, a0.ok);
        } else reveal(a0.r, a0.ok, a0);
      }
    } else {
      var changed = function () { if (opts.put) opts.put(read()); };
      inputs.forEach(function (x) { x.addEventListener('change', changed); x.addEventListener('input', changed); });
      if (opts.reveal) {
        inputs.forEach(function (x) { x.disabled = true; });
        var ok2 = hasResponse(it, saved) ? mark(it, saved) : (AUTO[it.type] ? false : null);
        setVerdict(ok2, null, AUTO[it.type] ? (hasResponse(it, saved) ? verdictText(ok2) : '✗ 未作答') : (hasResponse(it, saved) ? '已作答（不计分），请对照参考答案' : '未作答（不计分）'));
        showDetail(saved, ok2);
      }
    }
    return sec;
  }

  /* ---------- practice ---------- */

  function viewPractice(id) {
    var i = lessonIndex[id];
    if (i === undefined) return viewMissing();
    var l = lessons[i];
    var ids = (l.practice || []).filter(function (x) { return items[x]; });
    document.title = '练习：' + l.title + ' - ' + C.title;
    add(main, el('nav', { class: 'crumbs', 'aria-label': '位置' },
      el('a', { href: homeHref() }, '课程首页'), ' › ', el('a', { href: href('lesson', l.id) }, l.title), ' › 练习'));
    add(main, el('h1', null, '练习：' + l.title));
    var summary = el('p', { class: 'meta practice-summary' });
    function sum() {
      var answered = 0, right = 0;
      ids.forEach(function (x) { var a = state.p[x]; if (a) { answered++; if (a.ok === true) right++; } });
      summary.textContent = '共 ' + ids.length + ' 题，已答 ' + answered + ' 题，答对 ' + right + ' 题。选择后点“提交”即可看到对错和解析。';
    }
    sum();
    main.appendChild(summary);
    if (!ids.length) add(main, el('p', null, '本课没有练习题。'));
    ids.forEach(function (x, k) {
      main.appendChild(itemView(x, { n: k + 1, level: 2, name: 'p', submit: true, onChange: sum,
        get: function () { return state.p[x] ? state.p[x].r : undefined; } }));
    });
    var next = lessons[i + 1];
    add(main, el('nav', { class: 'pager', 'aria-label': '练习导航' },
      el('a', { href: href('lesson', l.id), rel: 'prev' }, el('span', { class: 'dir' }, '返回课文'), l.title),
      next ? el('a', { href: href('lesson', next.id), rel: 'next' }, el('span', { class: 'dir' }, '下一课'), next.title) : el('span')));
  }

  /* ---------- tests and the exam ---------- */

  function fmtClock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    return (h ? h + ':' + pad(m) : String(m)) + ':' + pad(s % 60);
  }

  function submitTest(n, timeout) {
    var s = state.t[n];
    if (!s || s.done) return;
    var res = markTest(n);
    s.done = true; s.to = !!timeout; s.pct = res.pct;
    testItems(tests[n]).forEach(function (id) {
      var r = s.a[id];
      if (hasResponse(items[id], r)) lmsInteraction(id, r, mark(items[id], r));
    });
    save(true);
    live((timeout ? '时间到，已自动交卷。' : '已交卷。') + '得分 ' + res.pct + ' 分，' + (res.pct >= PASS ? '通过。' : '未通过。'));
  }

  function viewTest(arg) {
    var n = /^\d+$/.test(arg) ? parseInt(arg, 10) : -1;
    var t = tests[n];
    if (!t) return viewMissing();
    var ids = testItems(t);
    var autoPts = 0;
    ids.forEach(function (id) { if (isAuto(items[id])) autoPts += points(items[id]); });
    document.title = t.title + ' - ' + C.title;
    var m = typeof t.module === 'number' ? modules[t.module] : null;
    add(main, el('nav', { class: 'crumbs', 'aria-label': '位置' }, el('a', { href: homeHref() }, '课程首页'), ' › ', m ? m.title : '模拟考试'));
    add(main, el('h1', null, t.title));
    add(main, el('p', { class: 'meta' }, '共 ' + ids.length + ' 题，限时 ' + t.minutes + ' 分钟；客观题满分折算为 100 分，' + PASS + ' 分及格。主观题交卷后显示参考答案，不计分。'));
    var s = state.t[n];

    if (!s || (!s.done && !s.s)) {
      if (s && typeof s.pct === 'number') add(main, el('p', null, '上次得分 ' + s.pct + ' 分。'));
      var go = el('button', { type: 'button', class: 'primary', 'data-action': 'start' }, '开始答题');
      go.addEventListener('click', function () {
        var old = state.t[n];
        state.t[n] = { s: Date.now(), a: {}, done: false, to: false, pct: old && typeof old.pct === 'number' ? old.pct : null };
        save(true);
        render(true);
        live('开始计时，限时 ' + t.minutes + ' 分钟。');
      });
      add(main, el('p', null, go));
      return;
    }

    var limit = (Number(t.minutes) || 0) * 60000;
    if (!s.done && limit && Date.now() >= s.s + limit) submitTest(n, true);

    if (s.done) {
      var res = markTest(n);
      var passed = s.pct >= PASS;
      add(main, el('section', { class: 'test-result ' + (passed ? 'pass' : 'fail'), 'data-pct': s.pct, 'aria-labelledby': 'res-h' },
        el('h2', { id: 'res-h' }, '成绩：' + s.pct + ' 分 · ' + (passed ? '通过' : '未通过')),
        el('p', null, (s.to ? '时间到，已自动交卷。' : '') + '客观题得分 ' + res.got + ' / ' + res.total + '，及格线 ' + PASS + ' 分。')));
      var again = el('button', { type: 'button', class: 'secondary', 'data-action': 'restart' }, '重新考试');
      again.addEventListener('click', function () {
        state.t[n] = { s: 0, a: {}, done: false, to: false, pct: s.pct };
        save(true);
        render(true);
      });
      add(main, el('p', null, again));
    } else {
      var timer = el('p', { class: 'timer', role: 'timer', 'aria-live': 'off' });
      var warned = {};
      var tick = function () {
        var left = s.s + limit - Date.now();
        timer.textContent = '剩余时间 ' + fmtClock(left);
        timer.classList.toggle('urgent', left <= 60000);
        [5, 1].forEach(function (mins) {
          if (!warned[mins] && left <= mins * 60000 && limit > mins * 60000) { warned[mins] = 1; live('还剩 ' + mins + ' 分钟。'); }
        });
        if (left <= 0) {
          submitTest(n, true);
          render(true);
        }
      };
      if (limit) {
        tick();
        var h = setInterval(tick, 1000);
        onLeave(function () { clearInterval(h); });
        main.appendChild(timer);
      }
    }

    var k = 0;
    var form = el('div', { class: 'test-items' });
    (t.sections || []).forEach(function (sct) {
      var list = (sct.items || []).filter(function (id) { return items[id]; });
      if (!list.length) return;
      form.appendChild(el('h2', { class: 'section-title' }, sct.title || '试题'));
      list.forEach(function (id) {
        k += 1;
        form.appendChild(itemView(id, { n: k, level: 3, name: 't' + n, submit: false, reveal: s.done,
          points: testPoints(t, id),
          get: function () { return s.a[id]; },
          put: function (r) {
            if (s.done) return;
            if (hasResponse(items[id], r)) s.a[id] = r; else delete s.a[id];
            saveLocal();
          } }));
      });
    });
    main.appendChild(form);
    if (!s.done) {
      var sub = el('button', { type: 'button', class: 'primary', 'data-action': 'submit-test' }, '交卷');
      sub.addEventListener('click', function () { submitTest(n, false); render(true); });
      add(main, el('p', { class: 'test-actions' }, sub));
    }
  }

  /* ---------- search ---------- */

  function words(q) { return String(q || '').split(/[\s\u3000]+/).filter(Boolean); }

  function snippet(text, ws) {
    var low = text.toLowerCase();
    var at = low.indexOf(ws[0].toLowerCase());
    var from = Math.max(0, at - 30), to = Math.min(text.length, at + 90);
    var part = text.slice(from, to);
    var p = el('p', { class: 'snippet' });
    if (from > 0) add(p, '…');
    // highlight every word inside the snippet, as text nodes and <mark>s
    var lowPart = part.toLowerCase(), pos = 0;
    while (pos < part.length) {
      var best = -1, len = 0;
      ws.forEach(function (w) {
        var j = lowPart.indexOf(w.toLowerCase(), pos);
        if (j >= 0 && (best < 0 || j < best)) { best = j; len = w.length; }
      });
      if (best < 0) { add(p, part.slice(pos)); break; }
      if (best > pos) add(p, part.slice(pos, best));
      add(p, el('mark', null, part.slice(best, best + len)));
      pos = best + len;
    }
    if (to < text.length) add(p, '…');
    return p;
  }

  function viewSearch(q) {
    var ws = words(q);
    var box = document.getElementById('tiku-search');
    if (box && box.value !== q) box.value = q;
    document.title = '搜索：' + q + ' - ' + C.title;
    add(main, el('h1', null, '搜索：' + q));
    if (!ws.length) { add(main, el('p', null, '请在上方搜索框输入要查找的词语。')); return; }
    var hits = [];
    lessons.forEach(function (l) {
      var title = String(l.title || ''), text = String(l.text || '');
      var hay = (title + '\n' + text).toLowerCase();
      if (ws.every(function (w) { return hay.indexOf(w.toLowerCase()) >= 0; })) hits.push(l);
    });
    var msg = hits.length ? '找到 ' + hits.length + ' 课。' : '没有找到包含“' + q + '”的课文。';
    add(main, el('p', { class: 'meta search-count' }, msg));
    live(msg);
    var ol = el('ol', { class: 'results' });
    hits.forEach(function (l) {
      var text = String(l.text || '');
      var inText = text.toLowerCase().indexOf(ws[0].toLowerCase()) >= 0;
      ol.appendChild(el('li', null, el('a', { href: href('lesson', l.id) }, l.title),
        inText ? snippet(text, ws) : el('p', { class: 'snippet' }, text.slice(0, 90) + (text.length > 90 ? '…' : ''))));
    });
    main.appendChild(ol);
  }

  var VIEWS = { lesson: viewLesson, practice: viewPractice, test: viewTest, search: viewSearch };
  var PLACES = { lesson: 1, practice: 1, test: 1 };

  /* ---------- start ---------- */

  (function start() {
    var brand = document.getElementById('tiku-brand');
    if (brand) brand.textContent = C.title;
    var skip = document.getElementById('tiku-skip');
    if (skip) skip.addEventListener('click', function (e) {
      e.preventDefault();
      var h = main.querySelector('h1') || main;
      h.setAttribute('tabindex', '-1');
      h.focus();
    });
    var form = document.getElementById('tiku-search-form');
    if (form) form.addEventListener('submit', function (e) {
      e.preventDefault();
      var q = document.getElementById('tiku-search').value.trim();
      if (q) location.href = href('search', q);
    });

    lms = startLms();
    var restored = null;
    if (lms) {
      learner = lms.learner || '';
      if (lms.suspend) restored = decodeState(lms.suspend);
      if (!restored && lms.entry !== 'ab-initio') restored = loadLocal();
    } else restored = loadLocal();
    if (restored) state = restored;
    var resumeTo = lms ? (lms.location || state.route) : '';
    if (lms && !location.hash && resumeTo && routeTitle(resumeTo)) {
      try { history.replaceState(null, '', '#' + resumeTo.replace(/\/(.*)$/, function (m, a) { return '/' + encodeURIComponent(a); })); }
      catch (e) { /* some hosts forbid it: stay home */ }
    }
    window.addEventListener('hashchange', function () { render(true); });
    window.addEventListener('pagehide', lmsFinish);
    window.addEventListener('beforeunload', lmsFinish);
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden' && lms && !lms.done) lms.commit();
    });
    render(false);
  })();
})();
