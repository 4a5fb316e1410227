#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the import test fixtures beside this script.

Run it by hand after changing it and commit what it writes: the tests
(and CI) read the committed files and never need Python, iconv or
LibreOffice. XLSX and ODS parts are written the way Excel, WPS and
LibreOffice write them; text files are encoded with iconv, as a shell
user would.

Every fixture holds the same three candidates, so the tests check the
same values whatever the format:

  小美  王小美  125000  xiaohongshu  xiaomei_88  13800138000    1995-03-08  notes 喜欢猫⏎不喝咖啡
  阿杰  李杰    12000   weibo        ajie        +8613900000001 1990-07-15  notes He said "hi", ok
  老王  -       3000    bilibili     -           13700000002    1988-02-01  -
"""

import datetime
import os
import subprocess
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_TIME = (2024, 3, 1, 12, 0, 0)  # reproducible zips


def out(name):
    return os.path.join(HERE, name)


def iconv(text, encoding):
    return subprocess.run(["iconv", "-f", "UTF-8", "-t", encoding], input=text.encode("utf-8"),
                          check=True, capture_output=True).stdout


def csv_quote(value, sep):
    if any(c in value for c in (sep, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_text(rows, sep=",", eol="\r\n"):
    return "".join(sep.join(csv_quote(v, sep) for v in row) + eol for row in rows)


SIMPLIFIED = [
    ["昵称", "真实姓名", "粉丝数", "平台", "微信号", "手机", "生日", "备注"],
    ["小美", "王小美", "12.5万", "小红书", "xiaomei_88", "138 0013 8000", "1995-03-08", "喜欢猫\n不喝咖啡"],
    ["阿杰", "李杰", "1.2w", "微博", "ajie", "+86 139-0000-0001", "1990/7/15", 'He said "hi", ok'],
    ["老王", "", "3,000", "B站", "", "13700000002", "01.02.1988", ""],
]

TRADITIONAL = [
    ["暱稱", "真實姓名", "粉絲數", "平臺", "微信號", "手機", "生日", "備註"],
    ["小美", "王小美", "12.5萬", "小紅書", "xiaomei_88", "138 0013 8000", "1995-03-08", "喜歡貓\n不喝咖啡"],
    ["阿杰", "李杰", "1.2w", "微博", "ajie", "+86 139-0000-0001", "1990/7/15", 'He said "hi", ok'],
    ["老王", "", "3,000", "嗶哩嗶哩", "", "13700000002", "01.02.1988", ""],
]

ENGLISH = [
    ["Name", "Real name", "Followers", "Platform", "WeChat", "Phone", "Birthday", "Notes"],
    ["小美", "王小美", "125k", "Xiaohongshu", "xiaomei_88", "138 0013 8000", "08.03.1995", "喜欢猫\n不喝咖啡"],
    ["阿杰", "李杰", "12,000", "Weibo", "ajie", "+86 139-0000-0001", "15.07.1990", 'He said "hi", ok'],
    ["老王", "", "3000", "Bilibili", "", "13700000002", "01.02.1988", ""],
]


def write_text_fixtures():
    # Excel "CSV UTF-8": a BOM, CRLF.
    with open(out("utf8-bom.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + csv_text(SIMPLIFIED).encode("utf-8"))
    # Excel "CSV" on Chinese Windows: GB18030 (GBK), no BOM, a title row above the header.
    with open(out("gb18030.csv"), "wb") as f:
        f.write(iconv(csv_text([["2024 KOL 候选名单"]] + SIMPLIFIED), "GB18030"))
    # Excel "CSV" in Taiwan and Hong Kong: Big5.
    with open(out("big5.csv"), "wb") as f:
        f.write(iconv(csv_text(TRADITIONAL), "BIG5"))
    # Excel "Unicode text": UTF-16LE with a BOM, tabs.
    with open(out("utf16le-tabs.txt"), "wb") as f:
        f.write(b"\xff\xfe" + iconv(csv_text(SIMPLIFIED, sep="\t"), "UTF-16LE"))
    # European Excel: semicolons, D.M.Y dates.
    with open(out("semicolon.csv"), "wb") as f:
        f.write(csv_text(ENGLISH, sep=";").encode("utf-8"))
    # Old Mac Excel: CR line ends.
    with open(out("cr-only.csv"), "wb") as f:
        f.write(csv_text(SIMPLIFIED, eol="\r").encode("utf-8"))
    # Rows a person got wrong: a bad count, a missing name, a bad date.
    with open(out("bad-rows.csv"), "wb") as f:
        f.write(csv_text([
            ["昵称", "粉丝数", "生日", "城市"],
            ["好人", "5000", "2000-01-01", "上海"],
            ["坏数", "很多", "2000-01-01", "北京"],
            ["", "100", "", "广州"],
            ["坏日", "100", "2000-13-45", "深圳"],
            ["又一个好人", "6000", "", "杭州"],
            ["闰日", "100", "1990-02-30", "成都"],
        ], eol="\n").encode("utf-8"))
    # Random bytes named .xlsx.
    seed = 12345
    data = bytearray()
    for _ in range(4096):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        data.append((seed >> 16) & 0xFF)
    data[0:2] = b"\x07\x00"
    with open(out("random-bytes.xlsx"), "wb") as f:
        f.write(bytes(data))


# ---- XLSX ------------------------------------------------------------------

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_SHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
REL_SST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def serial(iso, date1904=False):
    d = datetime.date.fromisoformat(iso)
    base = datetime.date(1904, 1, 1) if date1904 else datetime.date(1899, 12, 30)
    return (d - base).days


def write_zip(name, parts, stored_first=None):
    with zipfile.ZipFile(out(name), "w", zipfile.ZIP_DEFLATED) as z:
        if stored_first is not None:
            info = zipfile.ZipInfo(stored_first[0], FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED
            z.writestr(info, stored_first[1])
        for part, data in parts:
            info = zipfile.ZipInfo(part, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))


def content_types(sheet_parts):
    overrides = "".join(
        f'<Override PartName="/{p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for p in sheet_parts)
    return (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + overrides + '</Types>')


def package_rels():
    return (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL_DOC}" Target="xl/workbook.xml"/></Relationships>')


def workbook(sheets, date1904=False, pr=""):
    items = "".join(f'<sheet name="{esc(n)}" sheetId="{i + 1}" r:id="{rid}"/>' for i, (n, rid) in enumerate(sheets))
    date = ' date1904="1"' if date1904 else pr
    return (XML_DECL + f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
            f'<workbookPr{date}/><bookViews><workbookView/></bookViews>'
            f'<sheets>{items}</sheets></workbook>')


def workbook_rels(rels):
    items = "".join(f'<Relationship Id="{rid}" Type="{t}" Target="{target}"/>' for rid, t, target in rels)
    return (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + items + '</Relationships>')


def styles(numfmts, xf_numfmt_ids):
    fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{esc(code)}"/>' for i, code in numfmts)
    apply = ' applyNumberFormat="1"'
    xfs = "".join(f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0"'
                  f'{apply if i else ""}/>' for i in xf_numfmt_ids)
    return (XML_DECL + f'<styleSheet xmlns="{NS_MAIN}">'
            + (f'<numFmts count="{len(numfmts)}">{fmts}</numFmts>' if numfmts else '')
            + '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            # A cellStyleXfs xf with a date format must not count as a cell style.
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xf_numfmt_ids)}">{xfs}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>')


def sst(items):
    return (XML_DECL + f'<sst xmlns="{NS_MAIN}" count="{len(items)}" uniqueCount="{len(items)}">'
            + "".join(f"<si>{i}</si>" for i in items) + "</sst>")


def col_name(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def sheet_xml(rows, with_refs=True):
    """rows: list of (row_number, [cell xml fragments without r, or None])."""
    out_rows = []
    for number, cells in rows:
        parts = []
        for c, cell in enumerate(cells):
            if cell is None:
                continue
            tag, rest = cell
            ref = f' r="{col_name(c)}{number}"' if with_refs else ""
            parts.append(f"<c{ref}{tag}>{rest}</c>" if rest is not None else f"<c{ref}{tag}/>")
        r = f' r="{number}"' if with_refs else ""
        out_rows.append(f'<row{r}>' + "".join(parts) + "</row>")
    return (XML_DECL + f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
            '<dimension ref="A1:H4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr defaultRowHeight="14.4"/>'
            '<sheetData>' + "".join(out_rows) + '</sheetData>'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            '</worksheet>')


def s(index, style=None):
    return (f' t="s"' + (f' s="{style}"' if style else ""), f"<v>{index}</v>")


def n(value, style=None):
    return ((f' s="{style}"' if style else ""), f"<v>{value}</v>")


def inline(text):
    return (' t="inlineStr"', f"<is><t>{esc(text)}</t></is>")


def write_excel_xlsx():
    """Excel 365 (Chinese Windows): the candidate sheet is the second sheet
    but its part is sheet1.xml, shared strings with rich text runs and
    phonetic runs, _xHHHH_ escapes, dates in three styles (built-in 14,
    custom yyyy/m/d, CJK built-in 31), numbers, an inline string."""
    strings = [
        "<t>昵称</t>", "<t>真实姓名</t>", "<t>粉丝数</t>", "<t>平台</t>", "<t>微信号</t>",
        "<t>手机</t>", "<t>生日</t>", "<t>备注</t>",                                   # 0-7
        # 小美 as two rich-text runs, with a phonetic guide that must not show.
        '<r><rPr><b/><sz val="11"/><rFont val="等线"/></rPr><t>小</t></r><r><rPr><sz val="11"/></rPr><t>美</t></r>'
        '<rPh sb="0" eb="2"><t>ショウビ</t></rPh><phoneticPr fontId="1" type="noConversion"/>',  # 8
        "<t>王小美</t>", "<t>小红书</t>", "<t>xiaomei_88</t>",                             # 9-11
        # A cell with Alt+Enter: Excel escapes the CR it keeps as _x000D_.
        '<t xml:space="preserve">喜欢猫_x000D_\n不喝咖啡</t>',                          # 12
        "<t>阿杰</t>", "<t>李杰</t>", "<t>微博</t>", "<t>ajie</t>",                        # 13-16
        "<t>+86 139-0000-0001</t>", '<t>He said "hi", ok</t>',                           # 17-18
        "<t>老王</t>", "<t>B站</t>",                                                       # 19-20
        "<t>这是说明页</t>",                                                               # 21
    ]
    sheet = sheet_xml([
        (1, [s(0), s(1), s(2), s(3), s(4), s(5), s(6), s(7)]),
        (2, [s(8), s(9), n(125000), s(10), s(11), n(13800138000), n(serial("1995-03-08"), 1), s(12)]),
        (3, [s(13), s(14), n(12000), s(15), s(16), s(17), n(serial("1990-07-15"), 2), s(18)]),
        (5, [s(19), None, n(3000), s(20), None, inline("13700000002"), n(serial("1988-02-01"), 3), None]),
    ])
    notes_sheet = sheet_xml([(1, [s(21)])])
    write_zip("excel.xlsx", [
        ("[Content_Types].xml", content_types(["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])),
        ("_rels/.rels", package_rels()),
        ("xl/workbook.xml", workbook([("说明", "rId2"), ("候选名单", "rId1")])),
        ("xl/_rels/workbook.xml.rels", workbook_rels([
            ("rId1", REL_SHEET, "worksheets/sheet1.xml"),
            ("rId2", REL_SHEET, "worksheets/sheet2.xml"),
            ("rId3", REL_STYLES, "styles.xml"),
            ("rId4", REL_SST, "sharedStrings.xml")])),
        ("xl/styles.xml", styles([(176, "yyyy/m/d;@")], [0, 14, 176, 31])),
        ("xl/sharedStrings.xml", sst(strings)),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/worksheets/sheet2.xml", notes_sheet),
    ])


def write_wps_xlsx():
    """WPS Office: absolute relationship targets, cells and rows without r,
    formula string results (t="str"), a custom date format with 年月日, and
    booleans."""
    strings = ["<t>姓名</t>", "<t>粉丝量</t>", "<t>平台</t>", "<t>手机号</t>", "<t>生日</t>",
               "<t>独家</t>", "<t>备注</t>", "<t>小美</t>", "<t>阿杰</t>", "<t>老王</t>"]
    rows = [
        (1, [s(0), s(1), s(2), s(3), s(4), s(5), s(6)]),
        (2, [s(7), n(125000), (' t="str"', "<f>\"小红\"&amp;\"书\"</f><v>小红书</v>"), n(13800138000),
             n(serial("1995-03-08"), 1), (' t="b"', "<v>1</v>"), inline("喜欢猫\n不喝咖啡")]),
        (3, [s(8), n(12000), inline("微博"), inline("+86 139-0000-0001"), n(serial("1990-07-15"), 1),
             (' t="b"', "<v>0</v>"), inline('He said "hi", ok')]),
        (4, [s(9), n(3000), inline("B站"), n(13700000002), n(serial("1988-02-01"), 2), None, None]),
    ]
    write_zip("wps.xlsx", [
        ("[Content_Types].xml", content_types(["xl/worksheets/sheet1.xml"])),
        ("_rels/.rels", package_rels()),
        ("xl/workbook.xml", workbook([("Sheet1", "rId1")])),
        ("xl/_rels/workbook.xml.rels", workbook_rels([
            ("rId1", REL_SHEET, "/xl/worksheets/sheet1.xml"),
            ("rId2", REL_STYLES, "/xl/styles.xml"),
            ("rId3", REL_SST, "/xl/sharedStrings.xml")])),
        ("xl/styles.xml", styles([(177, 'yyyy"年"m"月"d"日"')], [0, 177, 57])),
        ("xl/sharedStrings.xml", sst(strings)),
        ("xl/worksheets/sheet1.xml", sheet_xml(rows, with_refs=False)),
    ])


def write_libreoffice_xlsx():
    """LibreOffice Calc's "Excel 2007-365": numFmt 164 YYYY-MM-DD with
    escapes, date1904="false", shared strings for everything."""
    strings = ["Name", "Followers", "Platform", "Phone", "Birthday", "Notes", "小美", "阿杰", "老王",
               "Xiaohongshu", "Weibo", "Bilibili", "喜欢猫\n不喝咖啡", 'He said "hi", ok',
               "+86 139-0000-0001"]
    sst_items = [f'<t xml:space="preserve">{esc(x)}</t>' for x in strings]
    rows = [
        (1, [s(0), s(1), s(2), s(3), s(4), s(5)]),
        (2, [s(6), n(125000), s(9), n(13800138000), n(serial("1995-03-08"), 1), s(12)]),
        (3, [s(7), n(12000), s(10), s(14), n(serial("1990-07-15"), 1), s(13)]),
        (4, [s(8), n(3000), s(11), n(13700000002), n(serial("1988-02-01"), 1), None]),
    ]
    write_zip("libreoffice.xlsx", [
        ("[Content_Types].xml", content_types(["xl/worksheets/sheet1.xml"])),
        ("_rels/.rels", package_rels()),
        ("xl/workbook.xml", workbook([("Sheet1", "rId2")], pr=' date1904="false"')),
        ("xl/_rels/workbook.xml.rels", workbook_rels([
            ("rId1", REL_STYLES, "styles.xml"),
            ("rId2", REL_SHEET, "worksheets/sheet1.xml"),
            ("rId3", REL_SST, "sharedStrings.xml")])),
        ("xl/styles.xml", styles([(164, "YYYY\\-MM\\-DD")], [0, 164])),
        ("xl/sharedStrings.xml", sst(sst_items)),
        ("xl/worksheets/sheet1.xml", sheet_xml(rows)),
    ])


def write_1904_xlsx():
    """Excel for Mac 2008 and older: dates count from 1904."""
    strings = ["<t>昵称</t>", "<t>生日</t>", "<t>小美</t>", "<t>阿杰</t>", "<t>老王</t>"]
    rows = [
        (1, [s(0), s(1)]),
        (2, [s(2), n(serial("1995-03-08", True), 1)]),
        (3, [s(3), n(serial("1990-07-15", True), 1)]),
        (4, [s(4), n(serial("1988-02-01", True), 1)]),
    ]
    write_zip("date1904.xlsx", [
        ("[Content_Types].xml", content_types(["xl/worksheets/sheet1.xml"])),
        ("_rels/.rels", package_rels()),
        ("xl/workbook.xml", workbook([("Sheet1", "rId1")], date1904=True)),
        ("xl/_rels/workbook.xml.rels", workbook_rels([
            ("rId1", REL_SHEET, "worksheets/sheet1.xml"),
            ("rId2", REL_STYLES, "styles.xml"),
            ("rId3", REL_SST, "sharedStrings.xml")])),
        ("xl/styles.xml", styles([], [0, 14])),
        ("xl/sharedStrings.xml", sst(strings)),
        ("xl/worksheets/sheet1.xml", sheet_xml(rows)),
    ])


def write_truncated_xlsx():
    with open(out("excel.xlsx"), "rb") as f:
        data = f.read()
    with open(out("truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])


# ---- ODS -------------------------------------------------------------------

ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
          'office:version="1.3"')


def ods_text(text):
    return f'<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>{esc(text)}</text:p></table:table-cell>'


def ods_float(value):
    return (f'<table:table-cell office:value-type="float" office:value="{value}" calcext:value-type="float">'
            f'<text:p>{value}</text:p></table:table-cell>')


def ods_date(iso):
    d = datetime.date.fromisoformat(iso)
    return (f'<table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="{iso}" '
            f'calcext:value-type="date"><text:p>{d.year}年{d.month}月{d.day}日</text:p></table:table-cell>')


def write_ods():
    """LibreOffice Calc: typed cells, repeated empty cells in the middle
    and at the end, a merged cell covering its neighbour, notes of two
    paragraphs and with text:s / text:tab / text:line-break, an annotation
    that is not cell text, a repeated empty row in the middle and the
    million-row padding LibreOffice writes at the end, and a second sheet."""
    empty_cells_tail = '<table:table-cell table:number-columns-repeated="1016"/>'
    header = ("<table:table-row table:style-name=\"ro1\">"
              + "".join(ods_text(h) for h in ["昵称", "真实姓名", "粉丝数", "平台", "微信号", "手机", "生日", "备注"])
              + empty_cells_tail + "</table:table-row>")
    row1 = ("<table:table-row table:style-name=\"ro1\">"
            + ods_text("小美") + ods_text("王小美") + ods_float(125000) + ods_text("小红书") + ods_text("xiaomei_88")
            + ods_text("138 0013 8000") + ods_date("1995-03-08")
            + '<table:table-cell office:value-type="string" calcext:value-type="string">'
              '<office:annotation><dc:creator>运营</dc:creator><text:p>批注不是内容</text:p></office:annotation>'
              '<text:p>喜欢猫</text:p><text:p>不喝咖啡</text:p></table:table-cell>'
            + empty_cells_tail + "</table:table-row>")
    row2 = ("<table:table-row table:style-name=\"ro1\">"
            + ods_text("阿杰") + ods_text("李杰") + ods_float(12000)
            + ods_text("微博") + ods_text("ajie")
            + '<table:table-cell office:value-type="string" calcext:value-type="string">'
              '<text:p>+86<text:s/>139-0000-0001</text:p></table:table-cell>'
            + ods_date("1990-07-15")
            + '<table:table-cell office:value-type="string" calcext:value-type="string">'
              '<text:p>He<text:s/>said <text:span text:style-name="T1">"hi"</text:span>,<text:s text:c="1"/>ok</text:p>'
              '</table:table-cell>'
            + empty_cells_tail + "</table:table-row>")
    # 真实姓名 and 微信号 empty (one repeated run in the middle), the name
    # cell merged across two columns, so the second is covered.
    row3 = ("<table:table-row table:style-name=\"ro1\">"
            + '<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="1" '
              'office:value-type="string" calcext:value-type="string"><text:p>老王</text:p></table:table-cell>'
            + '<table:covered-table-cell office:value-type="string"><text:p>隐藏</text:p></table:covered-table-cell>'
            + ods_float(3000) + ods_text("B站")
            + '<table:table-cell/>'
            + ods_text("13700000002") + ods_date("1988-02-01")
            + '<table:table-cell office:value-type="string" calcext:value-type="string">'
              '<text:p>第一行<text:line-break/>第二行<text:tab/>完</text:p></table:table-cell>'
            + '<table:table-cell table:number-columns-repeated="1016"/>' + "</table:table-row>")
    empty_rows = '<table:table-row table:style-name="ro1" table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    padding = '<table:table-row table:style-name="ro1" table:number-rows-repeated="1048569"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               f'<office:document-content {ODS_NS}><office:scripts/><office:automatic-styles/>'
               '<office:body><office:spreadsheet>'
               '<table:calculation-settings table:automatic-find-labels="false"/>'
               '<table:table table:name="候选名单" table:style-name="ta1">'
               '<table:table-column table:style-name="co1" table:number-columns-repeated="8" table:default-cell-style-name="Default"/>'
               + header + row1 + row2 + empty_rows + row3 + padding +
               '</table:table>'
               '<table:table table:name="Sheet2" table:style-name="ta1">'
               '<table:table-column table:style-name="co1" table:default-cell-style-name="Default"/>'
               '<table:table-row table:style-name="ro1"><table:table-cell/></table:table-row>'
               '</table:table>'
               '<table:named-expressions/></office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    write_zip("libreoffice.ods", [
        ("content.xml", content),
        ("META-INF/manifest.xml", manifest),
    ], stored_first=("mimetype", "application/vnd.oasis.opendocument.spreadsheet"))


def fods_cell(text):
    return ('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
            % esc(text))


INSTRUCTIONS = [["填写说明"], ["请在“候选名单”表中每行填写一位KOL。"], ["日期请写成 YYYY-MM-DD。"]]
LIST_HEADER = ["昵称", "粉丝数", "生日", "城市", "微信号"]


def write_instructions_first_xlsx():
    """A workbook as operators get it: an instructions sheet first, the
    list on the second, with Chinese headers and a day that does not
    exist."""
    convert_to_xlsx("instructions-first", [("说明", INSTRUCTIONS), ("候选名单", [
        LIST_HEADER,
        ["小美", "12.5万", "1995-03-08", "上海", "xm_88"],
        ["阿杰", "12000", "1990-02-30", "北京", "ajie"],
        ["老王", "3000", "1988-02-01", "成都", "laowang"],
    ])])
    # The same template before anyone filled it in: no rows to import.
    convert_to_xlsx("template-only", [("说明", INSTRUCTIONS), ("候选名单", [LIST_HEADER])])
    # The user's text is text: "&" and "<" in sheet names and headers.
    convert_to_xlsx("markup-chars", [("说明 & 须知", INSTRUCTIONS), ("候选 <名单>", [
        ["昵称", "粉丝 & 互动", "<备注>"],
        ["小美", "A&B <i>", "x<y"],
    ])])


def convert_to_xlsx(name, sheets):
    """Built as a flat ODS and saved as XLSX by LibreOffice itself
    (soffice --headless --convert-to xlsx), as a user would."""
    import shutil
    import tempfile

    def table(name, rows):
        return ('<table:table table:name="%s">' % esc(name)
                + "".join("<table:table-row>" + "".join(fods_cell(c) for c in row) + "</table:table-row>"
                          for row in rows)
                + "</table:table>")

    fods = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
            '<office:body><office:spreadsheet>'
            + "".join(table(sheet, rows) for sheet, rows in sheets) +
            '</office:spreadsheet></office:body></office:document>')
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, name + ".fods")
        with open(source, "w", encoding="utf-8") as f:
            f.write(fods)
        subprocess.run(["soffice", "-env:UserInstallation=file://" + tmp + "/profile", "--headless",
                        "--convert-to", "xlsx", "--outdir", tmp, source],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, name + ".xlsx"), out(name + ".xlsx"))


if __name__ == "__main__":
    write_text_fixtures()
    write_excel_xlsx()
    write_wps_xlsx()
    write_libreoffice_xlsx()
    write_1904_xlsx()
    write_truncated_xlsx()
    write_ods()
    write_instructions_first_xlsx()
