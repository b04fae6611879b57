#!/bin/sh
# Course bundles as IMS Common Cartridge 1.1: the manifest and every QTI
# assessment against the official schemas; every file listed once, every
# reference resolving; each item type in its CC profile with the right
# answer; nothing from the course or bank reaching a page as markup; the
# same bytes from the same course, signed or not.
. "$(dirname "$0")/lib.sh"

C=$DATA/course
X=$ROOT/../shared/xsd/cc11
ZIPCHECK="python3 $ROOT/tests/tools/zipcheck.py"
IMG=$(sha256sum "$C/shop/img/beans.png" | cut -c1-20)

# The shop course, with the items of every type the cartridge maps (the
# shop items and tests/data/course/cc/items.xml) in the practice of lesson
# order, and a test for module serve.
test_expect_success 'setup: the test standard, the shop and cc items, the course, a key' '
	tiku import -q "$DATA/std/mini.xml" "$C/shop-items.xml" "$C/cc/items.xml" &&
	cp -r "$C/shop" course &&
	sed -i "s|<item ref=\"shop-serve-t2\"/>|&<item ref=\"cc-fill1\"/><item ref=\"cc-case\"/><item ref=\"cc-task\"/>|" course/course.xml &&
	sed -i "/<lesson id=\"order\"/,/<\/module>/ s|^  </module>|    <test blueprint=\"exam.xml\" seed=\"5\"/>\n  </module>|" course/course.xml &&
	test_grep "<test blueprint=\"exam.xml\" seed=\"5\"/>" course/course.xml &&
	tiku keygen -o k --unencrypted >/dev/null
'

test_expect_success 'imscc: lesson pages, an assessment each, the media, the manifest' '
	tiku bundle course --format imscc -o cc.zip --images "$C/shop/img" >out &&
	test_grep "^cc.zip: imscc bundle of shop-l5, 4 lessons, 17 practice items, 2 tests, [0-9]* bytes$" out &&
	unzip -Z1 cc.zip | sort >names &&
	printf "%s\n" assets/tiku.css exam/assessment.xml imsmanifest.xml \
		lessons/basics.html lessons/espresso.html lessons/ethics.html lessons/order.html \
		"media/$IMG.png" practice-basics/assessment.xml practice-espresso/assessment.xml \
		practice-ethics/assessment.xml practice-order/assessment.xml \
		test-serve/assessment.xml >expect &&
	test_cmp expect names &&
	unzip -q -d cc cc.zip
'
test_expect_success 'the manifest is valid against the official CC 1.1 schemas' '
	xmllint --noout --nonet --schema "$X/cc11libxml2validator.xsd" cc/imsmanifest.xml &&
	test_grep "xmlns=\"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1\"" cc/imsmanifest.xml &&
	test_grep "<schema>IMS Common Cartridge</schema>" cc/imsmanifest.xml &&
	test_grep "<schemaversion>1.1.0</schemaversion>" cc/imsmanifest.xml &&
	test_grep "<lomimscc:title><lomimscc:string language=\"zh-CN\">咖啡店 &lt;script&gt;" cc/imsmanifest.xml
'
test_expect_success 'every assessment is valid against the CC profile of QTI 1.2.1' '
	for f in cc/*/assessment.xml; do
		xmllint --noout --nonet --schema "$X/ccv1p1_qtiasiv1p2p1_v1p0.xsd" "$f" || return 1
	done
'
test_expect_success 'every file is listed once, every identifierref names a resource' '
	$ZIPCHECK cc.zip
'

cat >check.py <<\EOF
# check.py DIR -- the unpacked cartridge: what zipcheck.py does not see.
import html, os, re, sys, urllib.parse
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

CP = '{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}'
Q = '{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}'
root = sys.argv[1]
bad = []

def ok(cond, what):
    if not cond:
        bad.append(what)

class Tags(HTMLParser):
    """The elements of an HTML text and their attributes."""
    def __init__(self, text):
        super().__init__()
        self.tags = []
        self.feed(text)
    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

def safe(text, where):
    for tag, attrs in Tags(text).tags:
        ok(tag not in ('script', 'iframe', 'object', 'embed', 'style'), where + ': <' + tag)
        ok(not any(a.startswith('on') for a in attrs), where + ': <%s %s' % (tag, attrs))

def exists(base, url, where):
    path = os.path.normpath(os.path.join(base, urllib.parse.unquote(url)))
    ok(not path.startswith('..') and os.path.isfile(os.path.join(root, path)),
       '%s: %s does not resolve' % (where, url))

m = ET.parse(os.path.join(root, 'imsmanifest.xml')).getroot()
ids = [e.get('identifier') for e in m.iter() if e.get('identifier')]
ok(len(ids) == len(set(ids)), 'an identifier twice')
res = {r.get('identifier'): r for r in m.iter(CP + 'resource')}
for r in res.values():
    files = [f.get('href') for f in r.findall(CP + 'file')]
    for d in r.findall(CP + 'dependency'):
        ok(d.get('identifierref') in res, 'dependency %s' % d.get('identifierref'))
    if r.get('type') == 'imsqti_xmlv1p2/imscc_xmlv1p1/assessment':
        ok(r.get('href') is None and len(files) == 1 and
           re.match(r'^[^/]+/assessment\.xml$', files[0]), 'assessment %s' % files)
        ok([d.get('identifierref') for d in r.findall(CP + 'dependency')] == ['r-assets'],
           'assessment %s depends on r-assets' % files)

# the organization: modules, each lesson and its practice, the module
# test, the exam last; every item titled, every identifierref a resource
org = m.find(CP + 'organizations/' + CP + 'organization')
ok(org.get('structure') == 'rooted-hierarchy', 'structure')
top = org.find(CP + 'item')
def walk(e, depth):
    out = []
    for i in e.findall(CP + 'item'):
        ref = i.get('identifierref')
        ok(ref is None or ref in res, 'item %s' % ref)
        ok(i.find(CP + 'title') is not None, 'item without a title')
        out.append('  ' * depth + (ref or i.find(CP + 'title').text))
        out += walk(i, depth + 1)
    return out
ok(walk(top, 0) == ['基本要求', '  r-lesson-ethics', '  r-practice-ethics',
   '  r-lesson-basics', '  r-practice-basics', '出品', '  r-lesson-espresso',
   '  r-practice-espresso', '服务', '  r-lesson-order', '  r-practice-order',
   '  r-test-serve', 'r-exam'], 'organization: %s' % walk(top, 0))
for r in res.values():
    for f in r.findall(CP + 'file'):
        ok(os.path.isfile(os.path.join(root, f.get('href'))), 'file %s' % f.get('href'))
    if r.get('href'):
        ok(r.get('type') == 'webcontent', 'href on %s' % r.get('identifier'))

# lesson pages: every link and image resolves from lessons/
for name in sorted(os.listdir(os.path.join(root, 'lessons'))):
    page = open(os.path.join(root, 'lessons', name), encoding='utf-8').read()
    ok(page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">'), name + ': doctype, lang')
    ok('<meta charset="utf-8">' in page, name + ': charset')
    ok('<link rel="stylesheet" href="../assets/tiku.css">' in page, name + ': css')
    safe(page, name)
    for tag, attrs in Tags(page).tags:
        url = (attrs.get('href') or attrs.get('src') or '').split('#')[0]
        if url and not re.match(r'^[a-z]+:', url):
            exists('lessons', url, name)

# assessments: the HTML inside each mattext, and where its images point
items = {}
for d in sorted(os.listdir(root)):
    f = os.path.join(root, d, 'assessment.xml')
    if not os.path.isfile(f):
        continue
    a = ET.parse(f).getroot().find(Q + 'assessment')
    ok(a.get('ident') == d, 'assessment ident %s' % d)
    meta = {q.findtext(Q + 'fieldlabel'): q.findtext(Q + 'fieldentry')
            for q in a.find(Q + 'qtimetadata')}
    ok(meta['cc_profile'] == 'cc.exam.v0p1', d + ': cc_profile')
    ok(meta['qmd_assessmenttype'] == 'Examination', d + ': type')
    ok(meta['cc_maxattempts'] == ('1' if d == 'exam' else 'unlimited'), d + ': attempts')
    ok(meta.get('qmd_timelimit') == (None if d.startswith('practice-') else '30'), d + ': time')
    for t in a.iter(Q + 'mattext'):
        h = t.text or ''
        ok(t.get('texttype') == 'text/html', d + ': texttype')
        safe(h, d)
        for tag, attrs in Tags(h).tags:
            if tag == 'img':
                url = attrs['src']
                ok(url.startswith('$IMS-CC-FILEBASE$../media/'), d + ': ' + url)
                exists(d, url[len('$IMS-CC-FILEBASE$'):], d)
    n = 0
    for it in a.iter(Q + 'item'):
        n += 1
        items[it.get('ident')] = it
    ok(len(a.findall(Q + 'section')) == 1 and n > 0, d + ': one section of items')
ok(sum(k.startswith('exam_') for k in items) == 14, 'exam: 14 items')

def field(it, label):
    for q in it.iter(Q + 'qtimetadatafield'):
        if q.findtext(Q + 'fieldlabel') == label:
            return q.findtext(Q + 'fieldentry')

def correct(it):
    """The conditions that set SCORE to 100, as text."""
    out = []
    for rc in it.iter(Q + 'respcondition'):
        if rc.findtext(Q + 'setvar') == '100':
            cv = rc.find(Q + 'conditionvar')
            out.append(' '.join(('!' if e.tag == Q + 'not' else '') +
                                (e.text or e.find(Q + 'varequal').text)
                                for c in cv for e in (list(c) if c.tag == Q + 'and' else [c])))
    return out

def feedback(it):
    fb = it.find(Q + 'itemfeedback')
    ok(fb is not None and fb.get('ident') == 'general_fb', it.get('ident') + ': feedback')
    ok(any(d.get('linkrefid') == 'general_fb' for d in it.iter(Q + 'displayfeedback')),
       it.get('ident') + ': feedback shown')
    return fb.findtext('.//' + Q + 'mattext')

def check(ident, profile, answer, weight):
    it = items[ident]
    ok(field(it, 'cc_profile') == profile, '%s: %s' % (ident, field(it, 'cc_profile')))
    ok(correct(it) == answer, '%s: %s' % (ident, correct(it)))
    ok(field(it, 'cc_weighting') == weight, '%s: weight %s' % (ident, field(it, 'cc_weighting')))
    return feedback(it)

check('practice-ethics_shop-xss', 'cc.multiple_choice.v0p1', ['A'], '2')
check('practice-ethics_shop-multi', 'cc.multiple_response.v0p1', ['A !B C !D'], '2')
ok(items['practice-ethics_shop-multi'].find('.//' + Q + 'response_lid').get('rcardinality')
   == 'Multiple', 'multi: cardinality')
check('practice-ethics_shop-basics-t1', 'cc.true_false.v0p1', ['true'], '5')
tf = [(l.get('ident'), l.findtext('.//' + Q + 'mattext')) for l in
      items['practice-ethics_shop-basics-t1'].iter(Q + 'response_label')]
ok(tf == [('true', '正确'), ('false', '错误')], 'true/false labels %s' % tf)
check('practice-order_cc-fill1', 'cc.fib.v0p1', ['复述 复述确认 A<B&C'], '2')
ok(items['practice-order_cc-fill1'].find('.//' + Q + 'response_str/' + Q + 'render_fib')
   is not None, 'fib: response_str')
fb = check('practice-ethics_shop-fill', 'cc.essay.v0p1', [], '2')
ok('<li>第 1 空：18 或 十八</li><li>第 2 空：25</li>' in fb and '只能有一个空' in fb,
   'several blanks: ' + fb)
ok(field(items['practice-ethics_shop-fill'], 'qmd_computerscored') == 'No', 'fill: by hand')
fb = check('practice-ethics_shop-short', 'cc.essay.v0p1', [], '5')
ok('<p>倾听、致歉、解决。</p>' in fb and '<li>先耐心倾听（2分）</li>' in fb, 'short: ' + fb)
fb = check('practice-order_cc-case', 'cc.essay.v0p1', [], '10')
ok('<li>致歉 &lt;script&gt;alert(1)&lt;/script&gt;（4分）</li>' in fb, 'case: ' + fb)
check('practice-order_cc-task', 'cc.essay.v0p1', [], '15')
stem = items['practice-order_cc-task'].findtext('.//' + Q + 'mattext')
ok('<img src="$IMS-CC-FILEBASE$../media/' in stem, 'task: ' + stem)
xss = items['practice-ethics_shop-xss'].findtext('.//' + Q + 'mattext')
ok('&lt;script&gt;window.__xss=1&lt;/script&gt;' in xss, 'xss: ' + xss)
# tests: the points of their sections, 10 a single choice, 5 a true/false
for k, it in items.items():
    if k.startswith('exam_') or k.startswith('test-serve_'):
        single = field(it, 'cc_profile') == 'cc.multiple_choice.v0p1'
        ok(field(it, 'cc_weighting') == ('10' if single else '5'), k + ': weight')
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
EOF

test_expect_success 'links resolve; each item type in its profile with its answer' '
	python3 check.py cc
'
test_expect_success 'a lesson page: the course and lesson titles escaped, images and links relative' '
	test_grep "<title>职业道德 &lt;script&gt;window.__xss=1&lt;/script&gt; - 咖啡店 &lt;script&gt;" cc/lessons/ethics.html &&
	test_grep "<img src=\"../media/$IMG.png\" alt=\"一袋咖啡豆\"" cc/lessons/basics.html &&
	test_grep "<a href=\"basics.html\">" cc/lessons/ethics.html &&
	test_grep "<p class=\"meta lesson-meta\">1 学时 · 要求 B2.1.1</p>" cc/lessons/ethics.html
'
test_expect_success 'nothing from the course or bank reaches any file as markup' '
	! grep -ril "<script" cc &&
	! grep -rl "onerror=\"window" cc/lessons
'
test_expect_success 'the same course, bank and seeds give the same bytes' '
	tiku bundle course --format imscc -o again.zip --images "$C/shop/img" -q &&
	cmp cc.zip again.zip
'
test_expect_success 'signed: manifest.xml and its signature are listed too; tiku verify' '
	tiku bundle course --format imscc -o signed.zip --images "$C/shop/img" --key k.key -q &&
	$ZIPCHECK signed.zip &&
	unzip -p signed.zip imsmanifest.xml >sm.xml &&
	xmllint --noout --nonet --schema "$X/cc11libxml2validator.xsd" sm.xml &&
	test_grep "<file href=\"manifest.xml\"/>" sm.xml &&
	test_grep "<file href=\"manifest.xml.minisig\"/>" sm.xml &&
	tiku verify signed.zip --pub k.pub >out &&
	test_grep "^signed.zip: bundle good, " out &&
	tiku bundle course --format imscc -o signed2.zip --images "$C/shop/img" --key k.key -q &&
	cmp signed.zip signed2.zip
'
test_expect_success 'an item image without --images: the item named, exit 3, nothing written' '
	{ tiku bundle course --format imscc -o noimg.zip 2>err; test $? = 3; } &&
	test_grep "item .cc-task. shows image .beans.png.: name the folder" err &&
	test ! -e noimg.zip
'

test_done
