"""The PDF's colours, type and page geometry.

The cell colours and captions come from ``resources/themes/marks.toml``, the file the window's
``ui/grid/theme.py`` reads too, so the PDF marks cells as the room saw them.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle

from ..marks import marks
from .fonts import BOLD, SANS

# -- the window's marks ----------------------------------------------------------------------
_MARKS = marks()  # resources/themes/marks.toml: the window draws from the same file
UNRATED_BG = HexColor(_MARKS.background["unrated"])
BEHIND_BG = HexColor(_MARKS.background["behind"])
CURRENT_BG = HexColor(_MARKS.background["current"])
AHEAD_BG = HexColor(_MARKS.background["ahead"])
UNRATED_TEXT = HexColor(_MARKS.text["unrated"])
BEHIND_TEXT = HexColor(_MARKS.text["behind"])
CURRENT_TEXT = HexColor(_MARKS.text["current"])
AHEAD_TEXT = HexColor(_MARKS.text["ahead"])
GRID_LINE = HexColor(_MARKS.grid_line)
CURRENT_FRAME = HexColor(_MARKS.current_frame)
TARGET = HexColor(_MARKS.target)
TARGET_BADGE = HexColor(_MARKS.target_badge)
TARGET_TEXT = HexColor(_MARKS.target_text)
NOTE_MARK = HexColor(_MARKS.note)

CURRENT_CAPTION = _MARKS.current_caption
TARGET_CAPTION = _MARKS.target_caption
BEHIND_CAPTION = _MARKS.behind_caption
BEHIND_MARK = _MARKS.behind_mark
NOTE_CAPTION = _MARKS.note_caption
LEGEND = _MARKS.legend(unrated=True)  # the window's legend, and "Not rated yet"

# -- the document's own ----------------------------------------------------------------------
INK = HexColor("#0F172A")  # headings
BODY = HexColor("#1F2937")  # text
MUTED = HexColor("#64748B")  # secondary text
HEADER_BG = HexColor("#EEF2F7")  # the matrix's and tables' header cells
ZEBRA = HexColor("#F8FAFC")
NOTE_BG = HexColor("#FFFBEB")
NOTE_TEXT = HexColor("#92400E")
OVERDUE = HexColor("#B91C1C")
PRIORITY_COLOURS = {"high": HexColor("#B91C1C"), "medium": HexColor("#B45309"), "low": MUTED}

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN = 42.0  # points, on every side; the footer sits in the bottom margin
FOOTER_SIZE = 7.5


def style(
    name: str, *, font: str = SANS, size: float = 9.5, leading: float | None = None, **kw
) -> ParagraphStyle:
    kw.setdefault("textColor", BODY)
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.3, **kw)


EYEBROW = style("eyebrow", font=BOLD, size=8, textColor=CURRENT_BG, spaceAfter=3)
TITLE = style("title", font=BOLD, size=19, leading=23, textColor=INK, spaceAfter=4)
META = style("meta", size=9.5, leading=13, textColor=MUTED)
H1 = style("h1", font=BOLD, size=15, leading=19, textColor=INK, spaceBefore=2, spaceAfter=8, keepWithNext=1)
H2 = style("h2", font=BOLD, size=12.5, leading=16, textColor=INK, spaceBefore=4, spaceAfter=5, keepWithNext=1)
H3 = style(
    "h3", font=BOLD, size=8, leading=10, textColor=CURRENT_BG, spaceBefore=9, spaceAfter=4, keepWithNext=1
)
BODY_TEXT = style("body", size=9.5, leading=13)
SMALL = style("small", size=8.5, leading=11)
SMALL_BOLD = style("small-bold", font=BOLD, size=8.5, leading=11)
SMALL_MUTED = style("small-muted", size=8.5, leading=11, textColor=MUTED)
TABLE_HEAD = style("table-head", font=BOLD, size=7.5, leading=9.5, textColor=MUTED)
NOTE_LABEL = style(
    "note-label", font=BOLD, size=8.5, leading=11, textColor=NOTE_TEXT, spaceBefore=4, keepWithNext=1
)
# A long note's label, kept with the note's first lines by a CondPageBreak (practices.py): with
# keepWithNext the whole note would move to the next page, leaving the rest of this one blank.
NOTE_LABEL_FLOWING = ParagraphStyle("note-label-flowing", parent=NOTE_LABEL, spaceBefore=0, keepWithNext=0)
NOTE_BODY = style(
    "note-body",
    size=9.5,
    leading=13,
    backColor=NOTE_BG,
    borderPadding=(3, 6, 4, 6),
    leftIndent=6,
    rightIndent=6,
    spaceBefore=2,
    spaceAfter=8,
)
CELL_TEXT = style("cell", size=8.2, leading=10.2, alignment=TA_LEFT)
CELL_HEAD = style("cell-head", font=BOLD, size=8.8, leading=10.8, textColor=INK, alignment=TA_CENTER)
CAPTION_SIZE = 6.2

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(day: date) -> str:
    """'Wednesday 14 October 2026', the same in every locale."""
    return f"{_DAYS[day.weekday()]} {full_date(day)}"


def full_date(day: date) -> str:
    """'14 October 2026'."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def medium_date(day: date) -> str:
    """'14 Oct 2026'."""
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"
