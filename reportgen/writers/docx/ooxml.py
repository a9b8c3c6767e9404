"""The one OOXML builder: escaping, runs (text, tabs, line breaks, deleted text), paragraphs and
table-cell pieces as WordprocessingML text, used by both DOCX writers (the disclosure and the
tracked-changes redline) so they cannot disagree on how a character is written."""

from __future__ import annotations

from reportgen.base.patterns import printable_but, regex

# XML 1.0 forbids these; lxml raises on them, so a stray control character in a source value
# would otherwise abort the whole render.
_XML_ILLEGAL = regex("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


RED = "FF0000"
# Bold red on yellow: a 待补充 marker nobody can overlook or mistake for a figure.
MISSING_RPR = f'<w:b/><w:color w:val="{RED}"/><w:highlight w:val="yellow"/>'


JC = {"left": "left", "center": "center", "right": "right"}


def core_property(text: str) -> str:
    """A core property value: OPC allows at most 255 characters (python-docx raises beyond); a
    title a template made longer is shortened, since the document itself carries it whole."""
    text = clean(text)
    return text if len(text) <= 255 else text[:254] + "…"


def clean(text: str) -> str:
    # isprintable() is false for every character _XML_ILLEGAL matches: most text (tabs and line breaks aside) skips it.
    return text if printable_but(text, "\t\n\r") else _XML_ILLEGAL.sub("", text)


def escape(text: str) -> str:
    """xml.sax.saxutils.escape (&, <, >), without importing that module: it imports urllib.request
    and with it http, email and ssl, a twentieth of a small render's time."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quote_attribute(text: str) -> str:
    """``text`` as a quoted XML attribute value (what xml.sax.saxutils.quoteattr gives for text
    without quotes inside; with them, &quot;)."""
    return '"' + escape(clean(text)).replace('"', "&quot;") + '"'


def _escape(text: str) -> str:
    """escape(), skipped for the text (nearly all of it) that has nothing to escape."""
    return escape(text) if "&" in text or "<" in text or ">" in text else text


_SPECIAL = regex(r"(\r\n|[\t\r\n])")


def run_content(text: str, deleted: bool = False, always_preserve: bool = True) -> str:
    """The inside of a w:r for ``text``, the one way every writer says it: a tab is w:tab, a line
    break (LF, CR or CRLF) is w:br, the text between is a w:t (w:delText when ``deleted``), escaped.
    ``always_preserve`` marks every w:t xml:space="preserve"; otherwise only one with outer
    whitespace, as python-docx's add_paragraph writes it."""
    text = clean(text)
    tag = "w:delText" if deleted else "w:t"
    if not _SPECIAL.search(text):  # nearly every cell and paragraph: one w:t
        return _text_element(tag, text, always_preserve) if text else ""
    content = []
    for piece in _SPECIAL.split(text):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r\n", "\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            content.append(_text_element(tag, piece, always_preserve))
    return "".join(content)


def _text_element(tag: str, text: str, always_preserve: bool) -> str:
    """A w:t (or w:delText) of ``text``, escaped; xml:space="preserve" always, or where it has outer whitespace."""
    space = ' xml:space="preserve"' if always_preserve or len(text.strip()) < len(text) else ""
    return f"<{tag}{space}>{_escape(text)}</{tag}>"


def run_xml(text: str, rpr: str = "", deleted: bool = False) -> str:
    """A w:r holding ``text`` (see run_content), with run properties ``rpr``."""
    content = run_content(text, deleted)
    return f"<w:r><w:rPr>{rpr}</w:rPr>{content}</w:r>" if rpr else f"<w:r>{content}</w:r>"


def plain_run_xml(text: str, rpr: str = "") -> str:
    """A w:r as python-docx's ``add_run(text)`` builds it (but for CRLF, one line break as in
    every run here), with run properties ``rpr``: xml:space="preserve" only on a w:t with outer
    whitespace, and an empty w:r self-closed, as lxml writes it."""
    content = run_content(text, always_preserve=False)
    if rpr:
        return f"<w:r><w:rPr>{rpr}</w:rPr>{content}</w:r>"
    return f"<w:r>{content}</w:r>" if content else "<w:r/>"


def ppr_xml(style_id: str | None, properties: str = "") -> str:
    """A w:pPr with the paragraph style (none for the default style, whose id is None) and then
    ``properties``; an empty one self-closed, as lxml writes it."""
    inside = (f'<w:pStyle w:val="{style_id}"/>' if style_id else "") + properties
    return f"<w:pPr>{inside}</w:pPr>" if inside else "<w:pPr/>"


def paragraph_xml(text: str, style_id: str | None) -> str:
    """A w:p as python-docx's ``add_paragraph(text)`` and ``p.style = style_id`` build it: an
    empty w:pPr for the default style and one w:r (see run_content)."""
    if not text:
        return f"<w:p>{ppr_xml(style_id)}</w:p>"
    return f"<w:p>{ppr_xml(style_id)}<w:r>{run_content(text, always_preserve=False)}</w:r></w:p>"


def page_reference_xml(bookmark: str, shown: str = "") -> str:
    """A PAGEREF field to ``bookmark`` (the page it is on), showing ``shown`` until it is updated."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f"{plain_run_xml(shown) if shown else ''}"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
