"""The PDF action plan of one workshop.

:func:`render_action_plan` takes domain objects only and returns the PDF's bytes; writing them to
a file is the caller's business. The plan is:

1. (A4 landscape) the header (team, workshop, date, facilitator, participants, model) and the
   matrix, marked as the window marks it;
2. (A4 portrait) "At a glance": a radar chart of now against target, and a summary table;
3. "Progress", when the team's history is given: the trend of every practice over the team's
   workshops, the changes since the previous one, the targets reached, what became of its actions;
4. "Open actions, by due date";
5. "Practice by practice": now → target, the room's vote where a round stands for the practice
   (``rounds``: the distribution, median and spread), what good looks like next, the notes, the
   actions.

Every page has a footer with the workshop, the export date and "Page N of M". The output is
deterministic: the same inputs give the same bytes (reportlab's invariant mode; the only dates
are the workshop's and ``exported_on``, which is also the PDF's creation date). Every font is
embedded, as a subset. User text is printed exactly as typed: see :mod:`.text`.

A long plan takes a while: ``progress``, if given, is called with (steps done, steps in all) after
each part of the plan is laid out and after each page, from the thread that renders. It may raise
to stop the build there (a cancelled export); the exception goes through to the caller.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from datetime import date

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepInFrame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from .. import APP_NAME
from ..domain.history import TeamHistory
from ..domain.model import MaturityModel
from ..domain.voting import PracticeVotes, RoundRecord, practice_votes
from ..domain.workshop import WorkshopState
from . import styles as s
from .fonts import SANS, register_fonts
from .matrix import LegendFlowable, MatrixFlowable
from .practices import practice_sections
from .progress import progress_section
from .sections import at_a_glance, header, open_actions, plan_title
from .footer import draw_footer
from .text import one_line

# reportlab keeps per-document state in shared font objects and module globals: one build at a time.
_BUILD_LOCK = threading.Lock()


def render_action_plan(
    model: MaturityModel,
    state: WorkshopState,
    exported_on: date,
    progress: Callable[[int, int], None] | None = None,
    history: TeamHistory | None = None,
    rounds: Sequence[RoundRecord] = (),
) -> bytes:
    """The workshop's action plan as PDF bytes; ``progress`` hears each step (see above).
    ``history``: the team's workshops up to this one (``TeamHistory.up_to``), for "Progress";
    ``rounds``: the workshop's rounds of votes (the last revealed on a practice stands)."""
    register_fonts()
    buffer = io.BytesIO()
    title = plan_title(state)
    facilitator = one_line(state.workshop.facilitator)
    doc = _PlanDocument(
        buffer,
        title=f"Action plan: {title}",
        author=facilitator or APP_NAME,
        subject=f"{one_line(model.name)} {one_line(model.version)}: action plan of the workshop held on "
        f"{s.long_date(state.workshop.held_on)}, exported on {s.long_date(exported_on)}",
        creator=APP_NAME,
        keywords="maturity workshop, action plan",
    )
    canvas_class = type("PlanCanvas", (_PlanCanvas,), {"footer_title": title, "exported_on": exported_on})
    story = _story(model, state, exported_on, doc, history, practice_votes(model, rounds))
    steps = len(story)  # the build consumes the story
    if progress is not None:
        doc.setProgressCallBack(_Steps(progress, steps))
    with _BUILD_LOCK:
        doc.build(story, canvasmaker=canvas_class)
    if progress is not None:
        progress(steps, steps)
    return buffer.getvalue()


class _Steps:
    """reportlab's progress events ('PROGRESS': flowables laid out, 'PAGE': a page ended) as
    (steps done, steps in all), never going back when a split part returns to the story."""

    def __init__(self, progress: Callable[[int, int], None], total: int) -> None:
        self.progress, self.total, self.done = progress, max(total, 1), 0

    def __call__(self, kind: str, value: int) -> None:
        if kind == "PROGRESS":
            self.done = min(max(self.done, value), self.total - 1)  # the last step is the saving
        if kind in ("PROGRESS", "PAGE"):
            self.progress(self.done, self.total)


def _story(
    model: MaturityModel,
    state: WorkshopState,
    exported_on: date,
    doc: _PlanDocument,
    history: TeamHistory | None,
    votes: dict[str, PracticeVotes],
) -> list:
    wide = doc.frame_width(s.LANDSCAPE)
    narrow = doc.frame_width(s.PORTRAIT)
    matrix = [LegendFlowable(), Spacer(1, 7), MatrixFlowable(model, state)]
    return [
        *header(model, state),
        KeepInFrame(wide, 0, matrix, mode="shrink"),
        NextPageTemplate("portrait"),
        PageBreak(),
        *at_a_glance(model, state, narrow),
        *_progress(model, state, history, narrow),
        *open_actions(model, state, exported_on, narrow),
        Spacer(1, 22),
        CondPageBreak(260),
        *practice_sections(model, state, exported_on, narrow, votes),
    ]


def _progress(model: MaturityModel, state: WorkshopState, history: TeamHistory | None, width: float) -> list:
    """ "Progress" on a page of its own; a team's first workshop's few words under "At a glance"."""
    if history is None:
        return [PageBreak()]
    section = progress_section(model, state, history, width)
    if history.previous(state.workshop.id) is None:
        return [Spacer(1, 14), *section, PageBreak()]
    return [PageBreak(), *section, PageBreak()]


class _PlanDocument(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, **metadata: str) -> None:
        super().__init__(
            buffer,
            pagesize=s.LANDSCAPE,
            leftMargin=s.MARGIN,
            rightMargin=s.MARGIN,
            topMargin=s.MARGIN,
            bottomMargin=s.MARGIN,
            invariant=1,
            initialFontName=SANS,
            lang="en",
            **metadata,
        )
        self.addPageTemplates(
            [self._template("landscape", s.LANDSCAPE), self._template("portrait", s.PORTRAIT)]
        )

    def frame_width(self, pagesize: tuple[float, float]) -> float:
        return pagesize[0] - 2 * s.MARGIN - 12  # the frame's own padding, 6 on each side

    def _template(self, name: str, pagesize: tuple[float, float]) -> PageTemplate:
        frame = Frame(s.MARGIN, s.MARGIN, pagesize[0] - 2 * s.MARGIN, pagesize[1] - 2 * s.MARGIN, id=name)
        return PageTemplate(id=name, frames=[frame], pagesize=pagesize)


class _PlanCanvas(Canvas):
    """Keeps every page until the end, so each footer can say "Page N of M"."""

    footer_title = ""
    exported_on = date(2000, 1, 1)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        stamp = f"D:{self.exported_on:%Y%m%d}000000+00'00'"
        self.setDateFormatter(lambda *_: stamp)

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            draw_footer(self, self.footer_title, self.exported_on, number, total)
            super().showPage()
        super().save()
