"""Reading a plan document into paragraphs: the first stage of ``kyniem import``.

:func:`read_document` reads a ``.txt``/``.md``, ``.docx`` or ``.pdf`` file and gives its
paragraphs in reading order, each with a position the user can find again (``line``). Every
problem with the input is a :class:`~scheduler.imports.errors.DocumentError` naming the file;
no other exception leaves :func:`read_document`, whatever the bytes.

Text of every paragraph, in every format (:func:`clean`): control characters read as spaces,
zero-width characters and soft hyphens dropped, Markdown emphasis markers removed (``**``
anywhere; ``*x*``, ``_x_`` and ``__x__`` around words), NFC, whitespace runs collapsed to one
space, stripped.

Wrapped lines (``.txt``, ``.md`` and ``.pdf``). A line is joined to the line before it, into one
paragraph, when all of these hold (:func:`continues`; in a text file also :func:`wraps`: the line
before fills the file's width, so a file saved from Word, a paragraph per line, keeps its short
lines whole; Markdown keeps its own rule, lines without a blank one between are a paragraph):

- the line before does not end a sentence: its last character, after closing quotes, brackets
  and emphasis markers, is not ``.``, ``!``, ``?`` or ``…``;
- this line does not start a list item: ``-``, ``+``, ``•``, ``*`` (``- x``, also ``-x``), a
  number ``1.``, ``1)``, ``3.1.``, a letter ``a)``, ``b.``, a Roman number ``I.``, ``II-``, ``IV)``;
- neither line is a heading in capitals (two words or more, every letter a capital:
  ``KẾ HOẠCH``, ``BÍ THƯ``): such a line stands alone; so does a Markdown ``# heading``.

In a text file a blank line always ends a paragraph, and the rule above is the whole rule.

A PDF has no blank lines; its layout tells instead (:func:`_joins`):

- a vertical gap ends a paragraph: a step from one line to the next more than 1.2 times the
  document's usual step (steps measured in font sizes), as left by blank lines or by the space
  between paragraphs that Decree 30/2020/NĐ-CP asks of administrative documents (>= 6 pt);
- in a document with such gaps, lines without a gap between them are one paragraph, unless the
  line starts a list item (a dash after a full line that ends without punctuation only wraps
  ``văn hóa - xã hội``), either line is a heading in capitals, or the line above ends a
  sentence and is short (a wrapped line that happens to end with a period fills the width, a
  last line seldom does; "fills" means at least 3/4 as many characters as the document's long
  lines, its 90th percentile);
- where the layout cannot tell (across a page break, or in a document without gaps), the text
  rule decides, and only after a line that fills the width;
- a line that is only a page number (``3``, ``- 3 -``, ``Trang 3``) at the top or bottom of a
  page is dropped.

Word files keep Word's paragraphs (a line break inside one, ``w:br``, is a space; tracked
deletions, field codes and text boxes are left out) and read tables in place: one
:class:`Paragraph` per row, with ``cells``. Word's automatic numbering, absent from the text,
is restored into ``marker``: bullets as ``-`` (level 0) and ``+`` (deeper), numbers from the
level's ``lvlText`` (``%1.``, ``%1.%2.``, ``%2)``) with a running counter per list (``numId``)
and level, deeper levels starting again under a new item. The level is the numbering's
``ilvl``, or what a built-in style's name says ("List Bullet 2" is level 1).

``line``, the place the user finds a paragraph at:

- ``.txt``/``.md``: the line of the file where the paragraph starts (1-based; CR, LF and CRLF
  each end a line);
- ``.docx``: the paragraph's number in document order, counting paragraphs with text and each
  table cell with text (a row's ``line`` is its first cell's number);
- ``.pdf``: the number of its first line among the lines with text that pypdf extracts, counted
  over the whole document (dropped page numbers included); ``page`` gives the page.
"""

from __future__ import annotations

import io
import logging
import math
import re
import statistics
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..wording import say
from .errors import DocumentError

#: Largest file read (bytes): 30 MB, far above any plan, far below trouble.
MAX_BYTES = 30 * 1024 * 1024
#: Largest total a Word file may unpack to (a small zip can hold gigabytes of XML).
MAX_UNPACKED = 300 * 1024 * 1024
#: The kinds of file read, by extension.
READS = (".txt", ".md", ".docx", ".pdf")

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, and password-protected .docx
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a document, or one row of a table."""

    text: str  # NFC, whitespace collapsed, stripped; Markdown emphasis markers removed
    line: int  # txt/md: first source line; docx: paragraph number; pdf: extracted line number
    level: int = 0  # list nesting level (docx numbering ilvl; 0 otherwise)
    marker: str | None = None  # a marker Word generates and the text lacks ("1.", "a)", "-")
    cells: tuple[str, ...] | None = None  # a table row: one text per cell
    page: int | None = None  # pdf: the page number

    @property
    def marked(self) -> str:
        """The text as the reader sees it: with Word's generated marker in front."""
        return f"{self.marker} {self.text}" if self.marker else self.text


def read_document(path: Path) -> tuple[Paragraph, ...]:
    """The paragraphs of the document at ``path``, in reading order.

    Raises :class:`DocumentError` (and nothing else) for a file that cannot be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    data = _load(path, suffix)
    if data.startswith(_OLE2) and suffix in (".doc", ".docx"):
        raise DocumentError(say("document_word97" if suffix == ".doc" else "document_docx_locked",
                                path=str(path)), path)
    reader: Callable[[bytes, Path], list[Paragraph]]
    if suffix in (".txt", ".md"):
        reader = _read_text
    elif suffix == ".pdf":
        reader = _read_pdf
    elif suffix == ".docx" or data.startswith(_ZIP):  # a .docx named .doc reads as one
        reader = _read_docx
    else:
        raise DocumentError(say("document_word97", path=str(path)), path)
    _libraries(reader)  # outside the net below: a broken install is no damaged file
    try:
        found = reader(data, path)
    except DocumentError:
        raise
    except Exception as exc:  # a library's own error on bytes it could not take
        raise _damaged(suffix, path, exc) from exc
    if not found:
        raise DocumentError(say("document_no_text", path=str(path)), path)
    return tuple(found)


def _libraries(reader: Callable[[bytes, Path], list[Paragraph]]) -> None:
    """Import the library ``reader`` needs (only a command that reads such a file pays)."""
    if reader is _read_pdf:
        import pypdf  # noqa: F401
    elif reader is _read_docx:
        import docx  # noqa: F401


def _damaged(suffix: str, path: Path, exc: Exception) -> DocumentError:
    if suffix == ".pdf":
        return DocumentError(say("document_pdf_damaged", path=str(path)), path)
    if suffix in (".docx", ".doc"):
        return DocumentError(say("document_docx_damaged", path=str(path)), path)
    return DocumentError(say("document_unreadable", path=str(path), why=type(exc).__name__), path)


def _load(path: Path, suffix: str) -> bytes:
    where = str(path)
    try:
        if path.is_dir():
            raise DocumentError(say("document_folder", path=where), path)
        if not path.exists():
            raise DocumentError(say("document_missing", path=where), path)
        if suffix not in READS and suffix != ".doc":
            raise DocumentError(say("document_kind", path=where, suffix=suffix or "(—)",
                                    known=", ".join(READS)), path)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_large(path, size)
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DocumentError(say("document_unreadable", path=where,
                                why=exc.strerror or type(exc).__name__), path) from None
    if len(data) > MAX_BYTES:
        raise _too_large(path, len(data))
    if not data:
        raise DocumentError(say("document_empty", path=where), path)
    return data


def _too_large(path: Path, size: int) -> DocumentError:
    # whole MB, rounded up: over the limit shows as over it, and no decimal comma or point
    return DocumentError(say("document_too_large", path=str(path), size=-(-size // 2**20),
                             limit=MAX_BYTES // 2**20), path)


# -- text: what every format shares -----------------------------------------------------------

# C0 and C1 controls (read as spaces), and the zero-width characters a copy from Word or a PDF
# leaves behind (dropped).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ZERO_WIDTH = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_BOLD = re.compile(r"\*\*")
_STARS = re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*")
_UNDERSCORES = re.compile(r"(?<!\w)(__?)(?=[^\s_])(.+?)(?<=[^\s_])\1(?!\w)")


def clean(text: str) -> str:
    """A paragraph's text as :class:`Paragraph` keeps it (see the module's docstring).
    Repeated until nothing changes: taking away one pair of emphasis marks can make another
    ("5aA **Q … 5a*A"), and a paragraph read back must be its own clean text."""
    for _ in range(8):
        cleaner = _clean_once(text)
        if cleaner == text:
            break
        text = cleaner
    return text


def _clean_once(text: str) -> str:
    text = _ZERO_WIDTH.sub("", _CONTROLS.sub(" ", text))
    text = _UNDERSCORES.sub(r"\2", _STARS.sub(r"\1", _BOLD.sub("", text)))
    text = unicodedata.normalize("NFC", text)  # last: what went may have split a letter
    return " ".join(text.split())


# A list item's start: a bullet, a number, a letter or a Roman number with its punctuation.
_ITEM = re.compile(
    r"""^(?:
        [-–—•●▪◦+*](?:\s|(?=[^\W\d_]))             # - x, -x, + x, • x, * x
      | \d{1,2}(?:\.\d{1,2})*[.)](?:\s|$)           # 1. 1) 3.1.
      | \d{1,2}(?:\.\d{1,2})+(?:\s|$)               # 3.1 x
      | [a-zđ][.)](?:\s|$)                          # a) b.
      | [IVXL]{1,6}[.)\-–](?:\s|(?=[^\W\d_])|$)     # I. II- IV) II-NỘI DUNG
    )""", re.VERBOSE)
_LEADING_EMPHASIS = re.compile(r"^(?:\*\*|__|\*(?=\S)|_(?=\S))+")
_CLOSERS = "\"'”’»)]*_ \t"
_SENTENCE_ENDS = ".!?…"


def starts_item(line: str) -> bool:
    """Whether ``line`` begins a list item or numbered heading (``-``, ``1.``, ``a)``, ``II.``)."""
    line = line.lstrip()
    return bool(_ITEM.match(line) or _ITEM.match(_LEADING_EMPHASIS.sub("", line)))


def in_capitals(line: str) -> bool:
    """Whether ``line`` is a heading in capitals: two words or more, every letter a capital."""
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    return len(words) >= 2 and all(c.isupper() for w in words for c in w if c.isalpha())


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends a sentence (``.``, ``!``, ``?``, ``…`` before closing marks)."""
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_ENDS


def continues(previous: str, line: str) -> bool:
    """Whether ``line`` only goes on with ``previous`` (a wrapped line), the joining rule."""
    return not (ends_sentence(previous) or starts_item(line)
                or in_capitals(line) or in_capitals(previous))


def text_width(lines: Sequence[str]) -> int:
    """The width a text file is wrapped at: its longest line (characters)."""
    return max((len(line.strip()) for line in lines), default=0)


def wraps(previous: str, line: str, width: int) -> bool:
    """Whether a text file's ``line`` goes on with ``previous``: the rule of :func:`continues`,
    and ``previous`` fills the file's width. A file saved from Word has a paragraph per line,
    its short lines ("Số: 120/KH-UBND", a title's lines) are whole, and lines longer than any
    margin (``_WRAPPED``); a hard-wrapped one fills its lines up to the margin."""
    return (width <= _WRAPPED and continues(previous, line)
            and len(previous.strip()) >= _FULL * width)


@dataclass
class _Lines:
    """Joins wrapped lines into paragraphs (the rule of :func:`continues`)."""

    found: list[Paragraph] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    line: int = 0
    page: int | None = None
    alone: bool = False  # the open paragraph stands alone (a Markdown heading)

    def add(self, text: str, line: int, *, page: int | None = None, alone: bool = False,
            joins: bool | None = None) -> None:
        """Add a line: joined to the open paragraph if ``joins`` (default: the text rule)."""
        if joins is None:
            joins = bool(self.parts) and continues(self.parts[-1], text)
        if self.parts and joins and not alone and not self.alone:
            self.parts.append(text)
            return
        self.end()
        self.parts, self.line, self.page, self.alone = [text], line, page, alone

    def end(self) -> None:
        if self.parts and (text := clean(" ".join(self.parts))):
            self.found.append(Paragraph(text, self.line, page=self.page))
        self.parts = []


# -- .txt and .md -----------------------------------------------------------------------------

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_NEWLINE = re.compile(r"\r\n|\r|\n")
_MD_HEADING = re.compile(r"^#{1,6}\s+")


def _decode(data: bytes, path: Path) -> str:
    codec, skip = "utf-8", 0
    for bom, name in _BOMS:
        if data.startswith(bom):
            codec, skip = name, len(bom)
            break
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        key = "document_not_utf8" if codec == "utf-8" else "document_not_utf16"
        raise DocumentError(say(key, path=str(path), offset=skip + exc.start), path) from None
    if (at := text.find("\x00")) >= 0:
        offset = skip + len(text[:at].encode(codec))
        raise DocumentError(say("document_zero_byte", path=str(path), offset=offset), path)
    return text


def _read_text(data: bytes, path: Path) -> list[Paragraph]:
    markdown = path.suffix.lower() == ".md"
    lines = _Lines()
    raws = [_ZERO_WIDTH.sub("", _CONTROLS.sub(" ", raw)).strip()
            for raw in _NEWLINE.split(_decode(data, path))]
    width = text_width(raws)
    previous = ""
    for number, text in enumerate(raws, 1):
        if not text:
            lines.end()
            previous = ""
            continue
        heading = markdown and bool(_MD_HEADING.match(text))
        if heading:
            text = _MD_HEADING.sub("", text)
        joins = continues(previous, text) if markdown else wraps(previous, text, width)
        lines.add(text, number, alone=heading, joins=bool(previous) and joins)
        previous = text
    lines.end()
    return lines.found


# -- .pdf -------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^[-–—(\[\s]*(?:trang|page)?\s*\d{1,4}(?:\s*/\s*\d{1,4})?[-–—)\]\s]*$",
                          re.IGNORECASE)
_GAP = 1.2  # a step between lines this many times the usual one ends a paragraph
_WRAPPED = 110  # characters: no text file is wrapped wider; a longer line is a paragraph
_FULL = 0.75  # a line this share as long as the long lines (in characters) fills the width


@dataclass
class _PdfLine:
    text: str
    number: int  # over the whole document
    page: int
    y: float | None  # baseline height on the page (PDF units, upwards)
    size: float  # the font size, for comparing steps between lines of different sizes


@contextmanager
def _quiet() -> Iterator[None]:
    """pypdf logs and warns about every oddity of a damaged file: the error says it all."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _read_pdf(data: bytes, path: Path) -> list[Paragraph]:
    if b"%PDF-" not in data[:1024] or b"%%EOF" not in data[-2048:]:  # not a PDF, or cut short
        raise DocumentError(say("document_pdf_damaged", path=str(path)), path)
    from pypdf import PdfReader

    locked = False
    with _quiet():
        try:
            pdf = PdfReader(io.BytesIO(data), strict=False)
            locked = pdf.is_encrypted
            if locked and not pdf.decrypt(""):  # "" opens a merely restricted file
                raise DocumentError(say("document_pdf_locked", path=str(path)), path)
            pages = [_page_lines(page) for page in pdf.pages]
        except DocumentError:
            raise
        except Exception as exc:  # an encryption pypdf cannot undo is a lock to the user too
            if locked:
                raise DocumentError(say("document_pdf_locked", path=str(path)), path) from exc
            raise
    if not pages:
        raise DocumentError(say("document_pdf_damaged", path=str(path)), path)
    found = _pdf_paragraphs(pages)
    if not found:
        raise DocumentError(say("document_pdf_scanned", path=str(path)), path)
    return found


def _page_lines(page: Any) -> list[tuple[str, float | None, float]]:
    """The lines pypdf extracts from ``page``, each with its height and font size."""
    lines: list[tuple[str, float | None, float]] = []
    parts: list[str] = []
    where: list[float | None] = [None, 0.0]

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], font: object,
              size: float) -> None:
        chunks = text.split("\n")
        for i, chunk in enumerate(chunks):
            if i:
                lines.append(("".join(parts), where[0], where[1] or 0.0))
                parts.clear()
                where[:] = [None, 0.0]
            if chunk.strip() and where[0] is None and len(cm) == 6 and len(tm) == 6:
                where[0] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = abs(tm[2] * cm[1] + tm[3] * cm[3]) or abs(tm[3]) or 1.0
                where[1] = abs(size) * scale
            parts.append(chunk)

    page.extract_text(visitor_text=visit)
    lines.append(("".join(parts), where[0], where[1] or 0.0))
    return lines


def _pdf_paragraphs(pages: list[list[tuple[str, float | None, float]]]) -> list[Paragraph]:
    lines: list[_PdfLine] = []
    number = 0
    for page_number, page in enumerate(pages, 1):
        kept: list[_PdfLine] = []
        for raw, y, size in page:
            text = " ".join(_ZERO_WIDTH.sub("", _CONTROLS.sub(" ", raw)).split())
            if text:
                number += 1
                kept.append(_PdfLine(text, number, page_number, y, size))
        if kept and _PAGE_NUMBER.match(kept[-1].text):  # a running footer
            kept.pop()
        if kept and _PAGE_NUMBER.match(kept[0].text):  # a running header
            kept.pop(0)
        lines.extend(kept)
    steps = [_step(a, b) for a, b in zip(lines, lines[1:], strict=False)]
    downs = [s for s in steps if s is not None and s > 0]
    usual = statistics.median(downs) if downs else 0.0
    gaps = [None if s is None else (s <= 0 or s > usual * _GAP) for s in steps]
    spaced = any(s is not None and s > usual * _GAP for s in steps)
    lengths = sorted(len(line.text) for line in lines)
    long = lengths[math.ceil(0.9 * (len(lengths) - 1))] if lengths else 0  # 90th percentile
    wide = long * _FULL
    paragraphs = _Lines()
    for i, line in enumerate(lines):
        joins = False
        if i:
            above = lines[i - 1].text
            joins = _joins(above, line.text, gaps[i - 1] if spaced else None, len(above) >= wide)
        paragraphs.add(line.text, line.number, page=line.page, joins=joins)
    paragraphs.end()
    return paragraphs.found


def _joins(previous: str, line: str, gap: bool | None, full: bool) -> bool:
    """Whether a PDF ``line`` goes on with the line above it.

    ``gap``: whether a gap separates them; None when the layout cannot tell (a page break, a
    document without space between paragraphs). ``full``: the line above fills the width, as a
    wrapped line does: it has at least 3/4 as many characters as the document's long lines
    (the 90th percentile). Characters only approximate widths: a short heading at the foot of
    a page, without a final period, may be taken for a wrapped line."""
    if gap or in_capitals(previous) or in_capitals(line):
        return False
    if gap is None:  # the text rule alone, and only after a line that was wrapped
        return full and continues(previous, line)
    # no gap in a document that leaves gaps between paragraphs: one paragraph, unless a new
    # list item starts (a dash that only wraps ``văn hóa - xã hội`` follows a full line that
    # ends without punctuation) or a short line ends a sentence
    if starts_item(line):
        return (full and line[0] in "-–+" and not previous.rstrip(_CLOSERS).endswith(
            tuple(_SENTENCE_ENDS + ",;:")))
    return full or not ends_sentence(previous)


def _step(upper: _PdfLine, lower: _PdfLine) -> float | None:
    """How far down ``lower`` is from ``upper``, in font sizes; None across pages or unknown."""
    if upper.page != lower.page or upper.y is None or lower.y is None:
        return None
    size = max(upper.size, lower.size)
    return (upper.y - lower.y) / size if size > 0 else None


# -- .docx ------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = {_W + "del", _W + "moveFrom", _W + "txbxContent", _MC + "Fallback", _W + "delText",
            _W + "instrText", _W + "pPr", _W + "rPr", _W + "footnoteReference"}
_SPACES = {_W + "tab", _W + "ptab", _W + "br", _W + "cr"}
_STYLE_LEVEL = re.compile(r"^List(?: (?:Bullet|Number|Continue))? ([2-9])$")
_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90),
          ("l", 50), ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def _read_docx(data: bytes, path: Path) -> list[Paragraph]:
    where = str(path)
    if not data.startswith(_ZIP):
        raise DocumentError(say("document_docx_damaged", path=where), path)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise DocumentError(say("document_docx_huge", path=where,
                                    limit=MAX_UNPACKED // 2**20), path)
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    document = docx.Document(io.BytesIO(data))
    parts: dict[str, Any] = {}
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype in (RT.NUMBERING, RT.STYLES):
            parts[rel.reltype] = getattr(rel.target_part, "element", None)
    walker = _Word(_Numbering(parts.get(RT.NUMBERING), _Styles(parts.get(RT.STYLES))))
    walker.body(document.element.body)
    return walker.found


def _attr(element: Any, child: str, default: str | None = None) -> str | None:
    """The ``w:val`` of ``element``'s child ``w:<child>`` (``child`` may be a path)."""
    if element is None:
        return default
    found = element.find(_W + child.replace("/", "/" + _W))
    if found is None:
        return default
    value = found.get(_W + "val")
    return default if value is None else str(value)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Styles:
    """Paragraph styles: numbering inherited through ``basedOn``, and names."""

    def __init__(self, element: Any) -> None:
        self.by_id: dict[str, Any] = {}
        self.default: str | None = None
        if element is None:
            return
        for style in element.iter(_W + "style"):
            style_id = style.get(_W + "styleId")
            if style_id is None:
                continue
            self.by_id.setdefault(str(style_id), style)
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true"):
                self.default = str(style_id)

    def chain(self, style_id: str | None) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _attr(style, "basedOn")

    def numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        """The (numId, ilvl) a style gives its paragraphs, inherited ones included."""
        num_id = ilvl = None
        for style in self.chain(style_id):
            num_id = num_id or _attr(style, "pPr/numPr/numId")
            ilvl = ilvl or _attr(style, "pPr/numPr/ilvl")
        return num_id, ilvl

    def depth(self, style_id: str | None) -> int:
        """The list level a built-in style's name says ("List Bullet 2" is level 1)."""
        style = self.by_id.get(style_id) if style_id is not None else None
        match = _STYLE_LEVEL.match(_attr(style, "name") or "")
        return int(match.group(1)) - 1 if match else 0


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int
    style: str | None


class _Numbering:
    """Word's automatic numbering (numbering.xml), with the running counters."""

    def __init__(self, element: Any, styles: _Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, Any] = {}
        self.nums: dict[str, Any] = {}
        self.counters: dict[str, list[int | None]] = {}
        if element is not None:
            for node in element.iter(_W + "abstractNum"):
                self.abstract.setdefault(str(node.get(_W + "abstractNumId")), node)
            for node in element.iter(_W + "num"):
                self.nums.setdefault(str(node.get(_W + "numId")), node)

    def _levels(self, num_id: str) -> dict[int, _Level]:
        levels: dict[int, _Level] = {}
        num = self.nums.get(num_id)
        abstract = self.abstract.get(_attr(num, "abstractNumId") or "")
        for _ in range(5):  # a list style: the abstractNum points to a style naming a num
            link = _attr(abstract, "numStyleLink")
            if abstract is None or link is None:
                break
            linked, _ilvl = self.styles.numbering(link)
            abstract = self.abstract.get(_attr(self.nums.get(linked or ""), "abstractNumId") or "")
        for lvl in () if abstract is None else abstract.iter(_W + "lvl"):
            levels[_int(lvl.get(_W + "ilvl"), 0)] = self._level(lvl)
        for override in () if num is None else num.iter(_W + "lvlOverride"):
            ilvl = _int(override.get(_W + "ilvl"), 0)
            lvl = override.find(_W + "lvl")
            if lvl is not None:
                levels[ilvl] = self._level(lvl)
            start = _attr(override, "startOverride")
            if start is not None and ilvl in levels:
                old = levels[ilvl]
                levels[ilvl] = _Level(old.fmt, old.text, _int(start, old.start), old.style)
        return levels

    @staticmethod
    def _level(lvl: Any) -> _Level:
        return _Level(_attr(lvl, "numFmt", "decimal") or "decimal", _attr(lvl, "lvlText", "") or "",
                      _int(_attr(lvl, "start"), 1), _attr(lvl, "pStyle"))

    def marker(self, paragraph: Any) -> tuple[str | None, int] | None:
        """(marker, level) Word shows before ``paragraph``; None if it is not numbered."""
        style_id = _attr(paragraph, "pPr/pStyle") or self.styles.default
        style_num, style_ilvl = self.styles.numbering(style_id)
        num_id = _attr(paragraph, "pPr/numPr/numId") or style_num
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        levels = self._levels(num_id)
        given = _attr(paragraph, "pPr/numPr/ilvl") or style_ilvl
        if given is None:
            given = next((str(i) for i, lv in levels.items() if lv.style == style_id), "0")
        ilvl = min(max(_int(given, 0), 0), 8)
        level = max(ilvl, self.styles.depth(style_id))
        counters = self.counters.setdefault(num_id, [None] * 9)
        this = levels.get(ilvl, _Level("decimal", f"%{ilvl + 1}.", 1, None))
        current = counters[ilvl]
        counters[ilvl] = this.start if current is None else current + 1
        counters[ilvl + 1:] = [None] * (8 - ilvl)
        if this.fmt == "bullet":
            return ("-" if level == 0 else "+"), level
        if this.fmt == "none":
            return None, level

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lv = levels.get(k, _Level("decimal", "", 1, None))
            value = counters[k] if counters[k] is not None else lv.start
            return _format(value or 0, this.fmt if k == ilvl else lv.fmt)

        text = clean(re.sub(r"%([1-9])", number, this.text))
        return (text or None), level


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = ""
        for symbol, worth in _ROMAN:
            count, value = divmod(value, worth)
            roman += symbol * count
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


@dataclass
class _Word:
    """Walks a Word body in document order: paragraphs, tables, content controls."""

    numbering: _Numbering
    found: list[Paragraph] = field(default_factory=list)
    count: int = 0  # paragraphs and table cells with text so far

    def body(self, element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == _W + "p":
                self.paragraph(child)
            elif tag == _W + "tbl":
                self.table(child)
            elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
                self.body(child)

    def paragraph(self, element: Any) -> None:
        numbered = self.numbering.marker(element)
        text = clean(_text(element))
        if not text:
            return
        self.count += 1
        marker, level = numbered if numbered is not None else (None, 0)
        if marker is not None and starts_item(text):
            marker = None  # the text carries its own
        self.found.append(Paragraph(text, self.count, level=level, marker=marker))

    def table(self, element: Any) -> None:
        for row in _children(element, "tr"):
            first = self.count + 1
            cells: list[str] = []
            for cell in _children(row, "tc"):
                text = clean(" ".join(self.cell(cell)))
                cells.append(text)
                if text:
                    self.count += 1
            if any(cells):
                self.found.append(Paragraph(clean(" | ".join(cells)), first, cells=tuple(cells)))

    def cell(self, element: Any) -> Iterator[str]:
        for child in element:
            tag = child.tag
            if tag == _W + "p":
                numbered = self.numbering.marker(child)
                text = clean(_text(child))
                if numbered is not None and numbered[0] and not starts_item(text):
                    text = f"{numbered[0]} {text}".strip()  # an automatic "No." column too
                yield text
            elif tag == _W + "tbl":
                for row in _children(child, "tr"):
                    for cell in _children(row, "tc"):
                        yield from self.cell(cell)
            elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
                yield from self.cell(child)


def _children(element: Any, name: str) -> Iterator[Any]:
    """``element``'s ``w:<name>`` children, also those inside content controls."""
    for child in element:
        if child.tag == _W + name:
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _children(child, name)


def _text(element: Any) -> str:
    out: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag in _SPACES:
                out.append(" ")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            else:
                walk(child)

    walk(element)
    return "".join(out)
