#!/usr/bin/env python3
"""mkdocx.py -- Word documents (.docx) written the way Word writes them, for
the tests of `tiku import bank.docx`.

  mkdocx.py word OUT.docx        the bank of tests/data/docx/word.docx
  mkdocx.py noanswer OUT.docx    an item with no answer anywhere
  mkdocx.py big N OUT.docx       N auto-numbered items, answers at the end
  mkdocx.py hostile OUT.docx     a zip with an entry whose path leads up
  mkdocx.py bomb OUT.docx        a zip whose document unpacks 1000-fold
  mkdocx.py nodoc OUT.docx       a zip with no word/document.xml

What Word does and a hand-typed text file does not: lists numbered by
w:numPr against word/numbering.xml (the numbers are nowhere in the text),
one list per section restarted with w:lvlOverride/w:startOverride, runs
split where the editing sessions (w:rsidR) changed, tabs as w:tab, line
breaks as w:br, a check mark as w:sym in Wingdings, a table with merged
cells (w:gridSpan, w:vMerge) and a picture as w:drawing pointing through
word/_rels/document.xml.rels at word/media/.  The output is the same bytes
on every run (fixed zip dates and order).
"""
import struct
import sys
import zipfile
from xml.sax.saxutils import escape

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
NS = ('xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:o="urn:schemas-microsoft-com:office:office" '
      'xmlns:r="%s" '
      'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:w10="urn:schemas-microsoft-com:office:word" '
      'xmlns:w="%s" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'mc:Ignorable="w14 wp14"' % (R, W))


def jpeg(w, h):
    """A baseline JPEG of w x h mid-grey pixels (every block DC 0, EOB)."""
    def seg(m, d):
        return b'\xff' + bytes([m]) + struct.pack('>H', len(d) + 2) + d
    out = b'\xff\xd8'
    out += seg(0xE0, b'JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00')
    out += seg(0xDB, b'\x00' + b'\x01' * 64)
    out += seg(0xC0, struct.pack('>BHHB', 8, h, w, 1) + b'\x01\x11\x00')
    out += seg(0xC4, b'\x00' + bytes([1] + [0] * 15) + b'\x00')
    out += seg(0xC4, b'\x10' + bytes([1] + [0] * 15) + b'\x00')
    out += seg(0xDA, b'\x01\x01\x00\x00\x3f\x00')
    bits = '00' * (((w + 7) // 8) * ((h + 7) // 8))
    bits += '1' * (-len(bits) % 8)
    return out + bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)) + b'\xff\xd9'


# ---- paragraphs, as Word writes them ------------------------------------

RPR = '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'


def run(text):
    """Runs of text: Word splits at each change of editing session; tabs
    become w:tab."""
    out = []
    for i, part in enumerate(text.split('\t')):
        if i:
            out.append('<w:r>%s<w:tab/></w:r>' % RPR)
        if part:
            sp = ' xml:space="preserve"' if part != part.strip() else ''
            out.append('<w:r w:rsidR="00A4%04d">%s<w:t%s>%s</w:t></w:r>'
                       % (len(part) % 7, RPR, sp, escape(part)))
    return ''.join(out)


def para(content, num=None, style=None):
    """A paragraph: content is text (runs made here) or raw run XML (a list
    joined); num = (numId, ilvl) numbers it from numbering.xml."""
    ppr = ''
    if style:
        ppr += '<w:pStyle w:val="%s"/>' % style
    if num:
        ppr += '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (num[1], num[0])
    body = run(content) if isinstance(content, str) else ''.join(content)
    return ('<w:p w:rsidR="00A41234" w:rsidRDefault="00A41234">'
            '<w:pPr>%s<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:pPr>%s</w:p>' % (ppr, body))


def br():
    return '<w:r>%s<w:br/></w:r>' % RPR


def sym(font, char):
    return '<w:r>%s<w:sym w:font="%s" w:char="%s"/></w:r>' % (RPR, font, char)


def drawing(rid, cx, cy, name):
    return ('<w:r>%s<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            '<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            '<wp:docPr id="1" name="%s" descr="%s"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/>'
            '</wp:cNvGraphicFramePr>'
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:nvPicPr><pic:cNvPr id="0" name="%s"/><pic:cNvPicPr/></pic:nvPicPr>'
            '<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch>'
            '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/>'
            '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
            % (RPR, cx, cy, name, name, name, rid, cx, cy))


def cell(text, span=1, vmerge=None):
    tcpr = '<w:tcW w:w="%d" w:type="dxa"/>' % (2000 * span)
    if span > 1:
        tcpr += '<w:gridSpan w:val="%d"/>' % span
    if vmerge == 'restart':
        tcpr += '<w:vMerge w:val="restart"/>'
    elif vmerge:
        tcpr += '<w:vMerge/>'
    return '<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>' % (tcpr, para(text))


def table(rows, header=True):
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
           '<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>']
    out.append('<w:gridCol w:w="2000"/>' * 3)
    out.append('</w:tblGrid>')
    for i, r in enumerate(rows):
        trpr = '<w:trPr><w:tblHeader/></w:trPr>' if header and i == 0 else ''
        out.append('<w:tr>%s%s</w:tr>' % (trpr, ''.join(r)))
    out.append('</w:tbl>')
    return ''.join(out)


# ---- numbering: what Word's list buttons make ---------------------------

def lvl(ilvl, fmt, text, start=1):
    return ('<w:lvl w:ilvl="%d" w:tplc="%08X"><w:start w:val="%d"/><w:numFmt w:val="%s"/>'
            '<w:lvlText w:val="%s"/><w:lvlJc w:val="left"/><w:pPr>'
            '<w:ind w:left="%d" w:hanging="420"/></w:pPr></w:lvl>'
            % (ilvl, 0x04090000 + ilvl, start, fmt, escape(text, {'"': '&quot;'}), 420 * (ilvl + 1)))


def numbering(abstracts, nums):
    """abstracts: {id: [lvl xml...]}; nums: [(numId, abstractId, {ilvl: start})]."""
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<w:numbering %s>' % NS]
    for aid, lvls in abstracts.items():
        out.append('<w:abstractNum w:abstractNumId="%d" w15:restartNumberingAfterBreak="0" '
                   'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
                   '<w:nsid w:val="1A2B3C%02d"/><w:multiLevelType w:val="hybridMultilevel"/>'
                   % (aid, aid))
        out.extend(lvls)
        out.append('</w:abstractNum>')
    for nid, aid, starts in nums:
        out.append('<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>' % (nid, aid))
        for il, st in sorted(starts.items()):
            out.append('<w:lvlOverride w:ilvl="%d"><w:startOverride w:val="%d"/></w:lvlOverride>'
                       % (il, st))
        out.append('</w:num>')
    out.append('</w:numbering>')
    return ''.join(out)


STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
          '<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault><w:rPr>'
          '<w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/>'
          '<w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
          '</w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/>'
          '<w:qFormat/></w:style>'
          '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="List Paragraph"/>'
          '<w:basedOn w:val="a"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="420"/>'
          '</w:pPr></w:style>'
          # a heading style that numbers its paragraphs itself
          '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>'
          '<w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
          '<w:outlineLvl w:val="0"/></w:pPr></w:style>'
          '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>'
          '</w:styles>' % W)

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="jpeg" ContentType="image/jpeg"/>'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
                 '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
                 '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                 '</Types>')

ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
             '</Relationships>')

DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '%s</Relationships>')

CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>题库</dc:title>'
        '<dc:creator>tests</dc:creator></cp:coreProperties>')


def document(paras):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<w:document %s><w:body>%s<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" '
            'w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>'
            % (NS, ''.join(paras)))


def write(path, files):
    """The zip, entries in the order given, dated 1980-01-01."""
    with zipfile.ZipFile(path, 'w') as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode('utf-8') if isinstance(data, str) else data)


def package(paras, num, media=(), rels=''):
    files = [('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', ROOT_RELS),
             ('docProps/core.xml', CORE), ('word/document.xml', document(paras)),
             ('word/_rels/document.xml.rels', DOC_RELS % rels),
             ('word/numbering.xml', num), ('word/styles.xml', STYLES)]
    files.extend(media)
    return files


# ---- the documents --------------------------------------------------------

# abstractNum 0: section headings 一、二、; 1: items 1. (and （1） below);
# 2: options A. as a list
ABSTRACTS = {
    0: [lvl(0, 'chineseCounting', '%1、')],
    1: [lvl(0, 'decimal', '%1.'), lvl(1, 'decimal', '（%2）')],
    2: [lvl(0, 'upperLetter', '%1．')],
}


def word():
    """The test bank: every item's expected fields are in t0422-docx-word.sh."""
    H, I1, I2, I3, I4 = (1, 0), (2, 0), (3, 0), (4, 0), (5, 0)
    p = [
        para('客户服务理论题库（Word 编写）'),
        para('说明：本题库为测试样例。'),
        # 一、 from the heading style's own numbering
        para('单项选择题（每题1分）', style='1'),
        # 1. answer in the stem's bracket, split over runs as Word keeps it
        para(['<w:r>%s<w:t>客户来电时，坐席首先应当（</w:t></w:r>' % RPR,
              '<w:r w:rsidR="00B51111">%s<w:t xml:space="preserve"> A </w:t></w:r>' % RPR,
              '<w:r>%s<w:t>）。</w:t></w:r>' % RPR], num=I1),
        para('A．报工号并问候\tB．询问客户姓名'),
        para('C．直接处理业务\tD．转接班长'),
        para('解析：接听电话应先报工号并问候。'),
        para('难度：2'),
        para('知识点：1.1.2'),
        # 2. a picture in the stem; options separated by line breaks
        para([run('如图所示，坐席佩戴的设备是（　）。'), drawing('rId10', 457200, 457200, '耳麦')],
             num=I1),
        para([run('A．耳麦'), br(), run('B．键盘'), br(), run('C．鼠标'), br(),
              run('D．显示器')]),
        para('答案：A'),
        para('代码：1.1.3'),
        # 3. a table in the stem, with merged cells; full-width answer
        para('根据下表，投诉量最多的渠道是（　）。', num=I1),
        table([[cell('渠道'), cell('月份'), cell('投诉量')],
               [cell('电话', vmerge='restart'), cell('一月'), cell('120')],
               [cell('', vmerge='continue'), cell('二月'), cell('80')],
               [cell('在线'), cell('一月'), cell('30')],
               [cell('合计', span=2), cell('230')]]),
        para('A．电话  B．在线  C．邮件  D．信函'),
        para('答案：Ａ'),
        para('代码：2.3.5'),
        # 二、 the heading list goes on; the items' list starts again
        para('多项选择题（每题2分）', style='1'),
        para('电话呼出前，坐席应做好的准备工作有（　）。', num=I2),
        para('A．熟悉外呼脚本  B．了解客户资料  C．调试耳麦设备  D．提前下班'),
        para('知识点：1.2.1'),
        para('下列属于服务忌语的有（　）。', num=I2),
        para('A．“这不归我管”  B．“您稍等”  C．“你听不懂吗”  D．“请问还有什么可以帮您”'),
        para('代码：1.1.4'),
        # 三、
        para('判断题（每题1分）', style='1'),
        para(['<w:r>%s<w:t>外呼时应主动告知客户本次来电的目的。（</w:t></w:r>' % RPR,
              sym('Wingdings', 'F0FC'), '<w:r>%s<w:t>）</w:t></w:r>' % RPR], num=I3),
        para('代码：1.2.2'),
        para('在线客服可以使用网络流行语拉近与客户的距离。（　）', num=I3),
        para('代码：1.3.2'),
        # 四、 a short answer, its reference answer a numbered sub-list
        para('简答题（每题5分）', style='1'),
        para('简述受理客户投诉的主要步骤。', num=I4),
        para('答案：'),
        para('耐心倾听，记录客户诉求；', num=(5, 1)),
        para('核实问题，提出解决方案。', num=(5, 1)),
        para('代码：2.3.5'),
        # the answers of 二 and 三, at the end, under the items' headings
        para('参考答案'),
        para('二、多项选择题'),
        para('1.ABC　2.AC'),
        para('解析：服务忌语伤害客户感受。'),
        para('三、判断题'),
        para('1.√　2.×'),
    ]
    num = numbering(ABSTRACTS, [(1, 0, {}), (2, 1, {}), (3, 1, {0: 1}), (4, 1, {0: 1}),
                                (5, 1, {0: 1})])
    img = ('word/media/image1.jpeg', jpeg(24, 16))
    rels = ('<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/image" Target="media/image1.jpeg"/>')
    return package(p, num, [img], rels)


def noanswer():
    p = [para('单项选择题', style='1'),
         para('坐席接听电话时应当使用（　）。', num=(2, 0)),
         para('A．方言  B．普通话  C．网络语  D．外语'),
         para('答案：B'),
         para('代码：1.1.2'),
         para('坐席挂机的时机是（　）。', num=(2, 0)),
         para('A．客户挂机后  B．随时  C．说完就挂  D．不挂'),
         para('代码：1.1.2')]
    return package(p, numbering(ABSTRACTS, [(1, 0, {}), (2, 1, {})]))


def big(n):
    """n items over three sections, numbers restarting in each, the answers
    at the end under the sections' headings."""
    codes = ['1.1.2', '1.1.3', '1.2.1', '2.3.5', '1.3.2', '1.2.2']
    third = n // 3
    sizes = [n - 2 * third, third, third]
    heads = ['单项选择题（每题1分）', '多项选择题（每题2分）', '判断题（每题1分）']
    p, key = [para('大题库')], []
    for s in range(3):
        p.append(para(heads[s], style='1'))
        answers = []
        for i in range(sizes[s]):
            k = '%d-%d' % (s, i)
            if s < 2:
                p.append(para('第%s题：坐席处理客户来电第%d种情形时应当（　）。' % (k, i), num=(2 + s, 0)))
                p.append(para('A．方案甲%s\tB．方案乙%s\tC．方案丙%s\tD．方案丁%s' % (k, k, k, k)))
                answers.append('ABCD'[i % 4] if s == 0 else ['AB', 'BC', 'ABD', 'ACD'][i % 4])
            else:
                p.append(para('第%s题：坐席应当按第%d条规范处理。（　）' % (k, i), num=(4, 0)))
                answers.append('√' if i % 2 else '×')
            p.append(para('知识点：%s' % codes[i % len(codes)]))
        key.append(answers)
    p.append(para('参考答案'))
    for s in range(3):
        p.append(para('一二三'[s] + '、' + heads[s][:5]))
        for i in range(0, sizes[s], 10):
            p.append(para('　'.join('%d.%s' % (j + 1, key[s][j])
                                   for j in range(i, min(i + 10, sizes[s])))))
    num = numbering(ABSTRACTS, [(1, 0, {}), (2, 1, {}), (3, 1, {0: 1}), (4, 1, {0: 1})])
    return package(p, num)


def main(argv):
    what = argv[1]
    if what == 'word':
        write(argv[2], word())
    elif what == 'noanswer':
        write(argv[2], noanswer())
    elif what == 'big':
        write(argv[3], big(int(argv[2])))
    elif what == 'nodoc':
        write(argv[2], [('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', ROOT_RELS)])
    elif what == 'hostile':
        files = noanswer()
        files.insert(0, ('../../evil.xml', '<x/>'))
        write(argv[2], files)
    elif what == 'bomb':
        files = noanswer()
        files[3] = ('word/document.xml', document([para('坐席' * 8)]) + ' ' * (64 << 20))
        write(argv[2], files)
    else:
        sys.exit('mkdocx.py: what to make? word, noanswer, big N, nodoc, hostile, bomb')


if __name__ == '__main__':
    main(sys.argv)
