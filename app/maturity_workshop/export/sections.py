"""The plan's front sections: the header, "At a glance" (radar and summary) and the table of
open actions."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Spacer

from ..domain.actions import open_actions_by_due_date
from ..domain.model import MaturityModel
from ..domain.workshop import WorkshopState
from . import styles as s
from .fonts import SANS
from .parts import (
    coloured,
    data_table,
    due_para,
    level_words,
    owner_para,
    para,
    priority_para,
    rich,
    scaled,
    status_para,
)
from .radar import radar_chart
from .text import one_line


def plan_title(state: WorkshopState) -> str:
    workshop = state.workshop
    return f"{one_line(workshop.team_name)} · {one_line(workshop.title)}"


def header(model: MaturityModel, state: WorkshopState) -> list[Flowable]:
    workshop = state.workshop
    facts = [s.long_date(workshop.held_on)]
    if workshop.facilitator.strip():
        facts.append(f"facilitated by {one_line(workshop.facilitator)}")
    if workshop.participant_count:
        plural = "" if workshop.participant_count == 1 else "s"
        facts.append(f"{workshop.participant_count} participant{plural}")
    model_words = f"{one_line(model.name)}, version {one_line(model.version)}"
    if (workshop.model_id, workshop.model_version) != (model.id, model.version):
        model_words += f" (the workshop was held with {workshop.model_id} {workshop.model_version})"
    return [
        para("ACTION PLAN", s.EYEBROW),
        para(plan_title(state), s.TITLE, keep_lines=False),
        para("  ·  ".join([*facts, model_words]), s.META, keep_lines=False),
        Spacer(1, 8),
    ]


def at_a_glance(model: MaturityModel, state: WorkshopState, width: float) -> list[Flowable]:
    flowables: list[Flowable] = [para("At a glance", s.H1)]
    rated = [p for p in model.practices if state.rating(p.id).current is not None]
    if not rated:
        flowables.append(
            para(
                "Not rated yet: no practice has a current level. The matrix and this page fill in as "
                "the team places each practice.",
                s.BODY_TEXT,
            )
        )
        flowables.append(Spacer(1, 6))
    if len(model.practices) >= 3:  # fewer axes make no polygon
        flowables.append(radar_chart(model, state, width))
    flowables.append(Spacer(1, 14))
    flowables.append(_summary_table(model, state, width))
    return flowables


def _summary_table(model: MaturityModel, state: WorkshopState, width: float):
    rows = []
    for practice in model.practices:
        rating = state.rating(practice.id)
        notes = sum(
            1
            for cell_id, text in state.notes.items()
            if text.strip()
            and model.has_cell(cell_id)
            and model.cell_by_id(cell_id).practice_id == practice.id
        )
        actions = state.actions_of(practice.id)
        open_count = sum(1 for a in actions if a.status.is_open)
        rows.append(
            [
                para(practice.name, s.SMALL_BOLD, keep_lines=False),
                _now_para(model, rating.current),
                _target_para(model, rating.current, rating.target),
                para(str(notes) if notes else "–", s.SMALL if notes else s.SMALL_MUTED),
                para(
                    f"{open_count} of {len(actions)}" if actions else "–",
                    s.SMALL if actions else s.SMALL_MUTED,
                ),
            ]
        )
    widths = scaled([160, 122, 137, 40, 52], width)
    return data_table(["Practice", "Now", "Target", "Notes", "Open actions"], rows, widths)


def _now_para(model: MaturityModel, current: int | None):
    if current is None:
        return para("not rated yet", s.SMALL_MUTED)
    return rich([("● ", None), (level_words(model, current, ""), None)], coloured(s.SMALL, s.CURRENT_BG))


def _target_para(model: MaturityModel, current: int | None, target: int | None):
    if target is None:
        return para("no target yet", s.SMALL_MUTED)
    words = level_words(model, target, "")
    suffix = ""
    if current is not None and target == current:
        suffix = " (reached)"
    elif current is not None and target < current:
        suffix = " (below now)"
    return rich([("◎ ", None), (words, None), (suffix, SANS)], coloured(s.SMALL, s.TARGET))


def open_actions(
    model: MaturityModel, state: WorkshopState, exported_on: date, width: float
) -> list[Flowable]:
    pending = open_actions_by_due_date(state.actions)
    flowables: list[Flowable] = [para("Open actions, by due date", s.H1)]
    if not pending:
        done = len(state.actions)
        words = (
            "No open actions: every action is done or dropped."
            if done
            else "No actions yet: nothing has been planned for this workshop."
        )
        flowables.append(para(words, s.BODY_TEXT))
        return flowables
    plural = "" if len(pending) == 1 else "s"
    flowables.append(
        para(
            f"{len(pending)} action{plural} still to do, soonest due first; undated ones last. "
            f"Overdue means due before the export date, {s.medium_date(exported_on)}.",
            s.SMALL_MUTED,
        )
    )
    flowables.append(Spacer(1, 6))
    rows = []
    for action in pending:
        practice = model.practice_name(action.practice_id)
        rows.append(
            [
                due_para(action, exported_on),
                para(action.title, s.SMALL),
                para(practice, s.SMALL, keep_lines=False),
                owner_para(action),
                priority_para(action),
                status_para(action),
            ]
        )
    widths = scaled([76, 150, 96, 72, 58, 62], width)
    flowables.append(data_table(["Due", "Action", "Practice", "Owner", "Priority", "Status"], rows, widths))
    return flowables
