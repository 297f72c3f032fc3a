"""Small building blocks shared by the plan's sections: paragraphs of user text, level words,
chips and tables."""

from __future__ import annotations

from datetime import date

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from ..domain.actions import Action
from ..domain.model import MaturityModel
from . import styles as s
from .fonts import SANS, needs_scripts, string_width
from .text import markup, one_line, runs

CHIP_PADDING = 7.0


def para(text: str, style: ParagraphStyle, *, keep_lines: bool = True) -> Paragraph:
    """A paragraph printing ``text`` exactly as typed (escaped, with font fallback)."""
    return paragraph(markup(text, style.fontName, keep_lines=keep_lines), style, text)


def paragraph(markup_text: str, style: ParagraphStyle, typed: str) -> Paragraph:
    """reportlab's paragraph, or the one that shapes and reorders when ``typed`` needs it."""
    if needs_scripts(typed):
        from .scripts import ScriptParagraph  # HarfBuzz and bidi load only for such text

        return ScriptParagraph(markup_text, style)
    return Paragraph(markup_text, style)


def rich(fragments: list[tuple[str, str | None]], style: ParagraphStyle) -> Paragraph:
    """A paragraph of fragments, each (text, font) or (text, None) for the style's font: a way
    to mix bold labels and plain values without ever passing user text as markup."""
    parts = []
    for text, font in fragments:
        if font is None or font == style.fontName:
            parts.append(markup(text, style.fontName, keep_lines=False))
        else:
            parts.append(f'<font name="{font}">{markup(text, font, keep_lines=False)}</font>')
    return paragraph("".join(parts), style, "".join(text for text, _ in fragments))


def coloured(style: ParagraphStyle, colour: Color, *, font: str | None = None) -> ParagraphStyle:
    return ParagraphStyle(
        f"{style.name}-{colour.hexval()}-{font}",
        parent=style,
        textColor=colour,
        fontName=font or style.fontName,
    )


def level_words(model: MaturityModel, value: int | None, unset: str) -> str:
    """'1 Consistent', or ``unset`` for None (or a level the model no longer has)."""
    if value is None:
        return unset
    if not model.has_level(value):
        return f"level {value}"
    return model.level(value).label


def due_words(action: Action, exported_on: date) -> tuple[str, bool]:
    """The due date as words, and whether it has passed (for an action still to do)."""
    if action.due_on is None:
        return "no date", False
    return s.medium_date(action.due_on), action.status.is_open and action.due_on < exported_on


def table_style(commands: list[tuple]) -> TableStyle:
    """A table style whose cells' own font is the bundled one (reportlab's default is Helvetica,
    which would be referenced, unembedded, even though no text is set in it)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), *commands])


def data_table(header: list[str], rows: list[list], widths: list[float], *, zebra: bool = True) -> Table:
    """A table with a header row repeated on every page; long rows may split across pages."""
    head = [para(label.upper(), s.TABLE_HEAD) for label in header]
    table = Table([head, *rows], colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    commands = [
        ("BACKGROUND", (0, 0), (-1, 0), s.HEADER_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, s.GRID_LINE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, s.GRID_LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    if zebra:
        for row in range(2, len(rows) + 1, 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), s.ZEBRA))
    table.setStyle(table_style(commands))
    return table


def chip(
    text: str,
    *,
    fill: Color | None,
    colour: Color,
    border: Color | None = None,
    dashed: bool = False,
    max_width: float = 250.0,
) -> Table:
    """A one-cell coloured label, like the window's marks, as wide as its text (up to ``max_width``)."""
    style = ParagraphStyle("chip", parent=s.SMALL_BOLD, textColor=colour)
    natural = string_width(runs(one_line(text), style.fontName), style.fontSize) + 2 * CHIP_PADDING + 2
    width = min(natural, max_width)
    table = Table([[para(text, style, keep_lines=False)]], colWidths=[width], hAlign="LEFT")
    commands: list[tuple] = [
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), CHIP_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CHIP_PADDING),
    ]
    if fill is not None:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), fill))
    if border is not None:
        commands.append(("BOX", (0, 0), (-1, -1), 1.2, border, None, (3, 2) if dashed else None))
    table.setStyle(table_style(commands))
    table.chip_width = width
    return table


def priority_para(action: Action) -> Paragraph:
    colour = s.PRIORITY_COLOURS[action.priority.value]
    return rich([("● ", None), (action.priority.label, None)], coloured(s.SMALL, colour))


def status_para(action: Action) -> Paragraph:
    if action.status.is_open:
        return para(action.status.label, s.SMALL)
    mark = "✓ " if action.status.value == "done" else "– "
    return para(mark + action.status.label, s.SMALL_MUTED)


def owner_para(action: Action) -> Paragraph:
    return (
        para(action.owner, s.SMALL, keep_lines=False)
        if action.owner.strip()
        else para("no owner yet", s.SMALL_MUTED)
    )


def due_para(action: Action, exported_on: date) -> Paragraph:
    words, overdue = due_words(action, exported_on)
    if overdue:
        return rich([(words, None), (" · overdue", SANS)], coloured(s.SMALL_BOLD, s.OVERDUE))
    return para(words, s.SMALL if action.due_on else s.SMALL_MUTED)


def scaled(widths: list[float], total: float) -> list[float]:
    """``widths`` in the same proportions, adding up to ``total``."""
    factor = total / sum(widths)
    return [w * factor for w in widths]
