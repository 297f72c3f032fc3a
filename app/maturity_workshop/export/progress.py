""" "Progress": how far the team has come. The trend chart of every practice over the team's
workshops up to this one, this workshop against the previous one (a table of changes), the targets
reached since last time, and what became of the actions carried in. A team's first workshop says
that it is the first."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table

from ..domain.charts import trend_chart
from ..domain.history import Outcome, TeamHistory, compare, level_text
from ..domain.model import MaturityModel
from ..domain.workshop import WorkshopState
from . import styles as s
from .chart import heading_lines_of, trend_drawing
from .parts import data_table, para, scaled, table_style

CHARTS_PER_ROW = 3
CHART_HEIGHT = 128.0
MOST_WORKSHOPS = 10  # the charts show the last ten workshops; the table says how many there are


def progress_section(model: MaturityModel, state: WorkshopState, history: TeamHistory, width: float) -> list[Flowable]:
    """The section for ``state``, from ``history`` (the team's workshops up to this one)."""
    flowables: list[Flowable] = [para("Progress", s.H1)]
    previous = history.previous(state.workshop.id) if len(history) else None
    if previous is None:
        flowables.append(
            para(
                "This is the team's first workshop: there is no earlier one to compare with. The next "
                "workshop's plan will show how far the team has come since today.",
                s.BODY_TEXT,
            )
        )
        return flowables
    shown = history.last(MOST_WORKSHOPS)
    count = len(history)
    scope = f"the last {len(shown)} of the team's {count} workshops" if count > len(shown) else f"the team's {count} workshops"
    flowables.append(
        para(
            f"Where each practice stood at {scope}: the solid line with dots is the level the team agreed, the "
            "dashed line with squares the target it set. A gap is a workshop that did not rate the practice.",
            s.SMALL_MUTED,
        )
    )
    flowables.append(Spacer(1, 6))
    flowables.append(_charts(model, shown, width))
    flowables.append(Spacer(1, 12))
    comparison = compare(model, previous, state)
    before = previous.workshop
    flowables.append(para(f"Since last time: “{before.title}”, {s.long_date(before.held_on)}", s.H2))
    rows = []
    for practice in comparison.practices:
        change = practice.change
        rows.append([
            para(practice.name, s.SMALL_BOLD, keep_lines=False),
            para(level_text(practice.before.current), s.SMALL),
            para(level_text(practice.after.current), s.SMALL),
            para(change.badge or "–", s.SMALL_BOLD if change.delta else s.SMALL),
            para(level_text(practice.before.target), s.SMALL),
            para("✓ reached" if practice.target_reached else "–", s.SMALL if practice.target_reached else s.SMALL_MUTED),
        ])
    widths = scaled([150, 58, 48, 98, 66, 78], width)
    flowables.append(
        data_table(["Practice", "Last time", "Now", "Change", "Target then", "Target reached"], rows, widths)
    )
    reached = comparison.targets_reached
    flowables.append(Spacer(1, 8))
    if reached:
        names = ", ".join(f"{p.name} ({level_text(p.before.target)})" for p in reached)
        flowables.append(para(f"Targets reached since last time: {names}.", s.BODY_TEXT, keep_lines=False))
    else:
        flowables.append(para("No target set last time has been reached yet.", s.BODY_TEXT))
    flowables.extend(_carried_in(model, history, state, previous, width))
    return flowables


def _charts(model: MaturityModel, history: TeamHistory, width: float) -> Table:
    gap = 10.0
    chart_width = (width - gap * (CHARTS_PER_ROW - 1)) / CHARTS_PER_ROW
    charts = [trend_chart(model, trend) for trend in history.trends(model)]
    lines = heading_lines_of(charts, chart_width)
    drawings = [trend_drawing(chart, chart_width, CHART_HEIGHT, lines) for chart in charts]
    rows = [drawings[i : i + CHARTS_PER_ROW] for i in range(0, len(drawings), CHARTS_PER_ROW)]
    rows[-1] += [""] * (CHARTS_PER_ROW - len(rows[-1]))
    table = Table(rows, colWidths=[chart_width + gap / 2] * CHARTS_PER_ROW, hAlign="LEFT")
    table.setStyle(table_style([
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), gap / 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), gap),
    ]))
    return table


def _carried_in(
    model: MaturityModel, history: TeamHistory, state: WorkshopState, previous: WorkshopState, width: float
) -> list[Flowable]:
    """The previous workshop's actions and what became of them: done or dropped there, carried into
    this workshop (with where they stand now), or left open."""
    flowables: list[Flowable] = [Spacer(1, 12), para("What became of last time's actions", s.H2)]
    outcomes = history.outcomes(previous.workshop.id)
    if not outcomes:
        flowables.append(para("The previous workshop planned no actions.", s.BODY_TEXT))
        return flowables
    now = {a.carried_from_id: a for a in state.actions if a.carried_from_id is not None}
    rows = []
    for outcome in outcomes:
        action = outcome.action
        practice = model.practice_name(action.practice_id)
        carried = now.get(action.id)
        if outcome.outcome is Outcome.CARRIED and carried is not None:
            words = f"Carried into this workshop: {carried.status.label.lower()}"
        elif outcome.outcome is Outcome.CARRIED:
            words = "Carried over into a later workshop"
        elif outcome.outcome is Outcome.OPEN:
            words = "Left open, not carried over"
        else:
            words = outcome.outcome.label
        rows.append([para(action.title, s.SMALL), para(practice, s.SMALL, keep_lines=False), para(words, s.SMALL)])
    counts = {kind: sum(1 for o in outcomes if o.outcome is kind) for kind in Outcome}
    summary = ", ".join(f"{n} {kind.value}" for kind, n in counts.items() if n)
    flowables.append(para(f"{len(outcomes)} action{'s' if len(outcomes) != 1 else ''}: {summary}.", s.SMALL_MUTED))
    flowables.append(Spacer(1, 4))
    flowables.append(data_table(["Action", "Practice", "What became of it"], rows, scaled([220, 120, 160], width)))
    return flowables
