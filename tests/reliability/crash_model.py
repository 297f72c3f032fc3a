"""The crash test's model of the truth: random edits, how each changes a workshop database, and
what a database file holds, read with plain ``sqlite3``.

An edit is a small JSON-able dict. The child process (``edit_child.py``) makes random edits through
the services layer; the parent replays the acknowledged ones into an :class:`Expected` state with
:func:`apply` and compares it with :func:`read_state` of the file after each SIGKILL. Both sides use
this one module, so what the child announces and what the parent checks are the same edits.

Edits, by ``op``:

* ``rating``: ``w``, ``p``, ``cur``, ``tgt`` (``kind`` says level, target or clear; each writes the
  whole rating, as the window does)
* ``note``: ``w``, ``c``, ``text`` (white space only removes the note)
* ``add``: ``w``, the action's fields, ``pos`` (None: the end); its ack adds the new ``id``
* ``update``: ``id`` and the action's fields (its practice stays)
* ``move``: ``id``, ``pos``;  ``delete``: ``id``
* ``restore``: a removed action put back with its id, place and carried-from (undo of a removal)
* ``carry``: ``w``, ``from``: copy an action into another workshop, remembering where it came from;
  its ack adds the new ``id``
"""

from __future__ import annotations

import copy
import random
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from maturity_workshop.domain.actions import ActionDraft, ActionPriority, ActionStatus
from maturity_workshop.domain.model import MaturityModel

FIELDS = ("title", "owner", "due", "status", "prio", "cell")
ACTION_OPS = ("add", "update", "move", "delete", "restore", "carry")
MAX_ACTIONS = 60  # beyond this the child removes more than it adds, so the file stays small


# -- the state --------------------------------------------------------------------------------------
@dataclass
class Expected:
    """What a workshop file holds, as far as the crash test cares."""

    workshops: list[int] = field(default_factory=list)
    ratings: dict[tuple[int, str], tuple[int | None, int | None]] = field(default_factory=dict)
    notes: dict[tuple[int, str], str] = field(default_factory=dict)
    # action id -> {"w", "p", "title", "owner", "due", "status", "prio", "cell", "carried"}
    actions: dict[int, dict] = field(default_factory=dict)
    order: dict[tuple[int, str], list[int]] = field(default_factory=dict)  # (workshop, practice) -> ids

    def copy(self) -> Expected:
        return copy.deepcopy(self)

    def normalised(self) -> tuple:
        """A comparable form: an empty rating is the same as none, an empty order as none."""
        return (
            sorted(self.workshops),
            {k: v for k, v in self.ratings.items() if v != (None, None)},
            dict(self.notes),
            {k: dict(v) for k, v in self.actions.items()},
            {k: list(v) for k, v in self.order.items() if v},
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expected) and self.normalised() == other.normalised()


def differences(expected: Expected, observed: Expected) -> list[str]:
    """Each rating, note, action or practice's action order that differs, in words."""
    e, o = expected.normalised(), observed.normalised()
    found: list[str] = []
    if e[0] != o[0]:
        found.append(f"workshops: expected {e[0]}, found {o[0]}")
    for name, index in (("rating", 1), ("note", 2), ("action", 3), ("order", 4)):
        for key in sorted(set(e[index]) | set(o[index]), key=repr):
            if e[index].get(key) != o[index].get(key):
                found.append(f"{name} {key}: expected {e[index].get(key)!r}, found {o[index].get(key)!r}")
    return found


# -- reading a file ---------------------------------------------------------------------------------
def read_state(connection: sqlite3.Connection) -> tuple[Expected, list[str]]:
    """The state the file holds, and any broken invariant of the store (positions not 0..n-1)."""
    state = Expected()
    problems: list[str] = []
    state.workshops = [row[0] for row in connection.execute("SELECT id FROM workshop ORDER BY id")]
    for w, p, cur, tgt in connection.execute("SELECT workshop_id, practice_id, current_level, target_level FROM rating"):
        state.ratings[(w, p)] = (cur, tgt)
    for w, c, text in connection.execute("SELECT workshop_id, cell_id, text FROM cell_note WHERE text != ''"):
        state.notes[(w, c)] = text
    rows = connection.execute(
        "SELECT id, workshop_id, practice_id, title, owner, due_on, status, priority, position, cell_id, "
        "carried_from_id FROM action ORDER BY workshop_id, practice_id, position, id"
    ).fetchall()
    for id_, w, p, title, owner, due, status, prio, position, cell, carried in rows:
        state.actions[id_] = {
            "w": w, "p": p, "title": title, "owner": owner, "due": due, "status": status, "prio": prio,
            "cell": cell, "carried": carried,
        }
        siblings = state.order.setdefault((w, p), [])
        if position != len(siblings):
            problems.append(f"action {id_} of {(w, p)} is at position {position}, expected {len(siblings)}")
        siblings.append(id_)
    return state, problems


def check_file(path: Path | str) -> tuple[Expected | None, list[str]]:
    """Open the file as a restart would (a fresh connection recovers the write-ahead log), check
    that SQLite finds it sound, and read its state. Returns (state, problems)."""
    connection = sqlite3.connect(str(path), timeout=5)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
        problems = []
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity[:5]}")
        if foreign:
            problems.append(f"foreign_key_check: {foreign[:5]}")
        state, order_problems = read_state(connection)
        return state, problems + order_problems
    finally:
        connection.close()


# -- applying an edit -------------------------------------------------------------------------------
def draft_of(model_practice: str, edit: dict) -> ActionDraft:
    """The draft the child hands the service, cleaned as the service cleans it."""
    return ActionDraft(
        practice_id=model_practice,
        title=edit["title"],
        owner=edit["owner"],
        due_on=date.fromisoformat(edit["due"]) if edit["due"] else None,
        status=ActionStatus(edit["status"]),
        priority=ActionPriority(edit["prio"]),
        cell_id=edit["cell"],
    )


def _fields(draft: ActionDraft) -> dict:
    draft = draft.validated()
    return {
        "title": draft.title,
        "owner": draft.owner,
        "due": draft.due_on.isoformat() if draft.due_on else None,
        "status": draft.status.value,
        "prio": draft.priority.value,
        "cell": draft.cell_id,
    }


def _insert(state: Expected, action_id: int, record: dict, pos: int | None) -> None:
    siblings = state.order.setdefault((record["w"], record["p"]), [])
    index = len(siblings) if pos is None else max(0, min(pos, len(siblings)))
    siblings.insert(index, action_id)
    state.actions[action_id] = record


def apply(state: Expected, edit: dict, new_id: int | None = None) -> Expected:
    """``state`` after ``edit`` (a new state; ``state`` is left as it was). ``new_id`` is the id an
    add or carry created (from its ack, or guessed for an edit in flight)."""
    state = state.copy()
    op = edit["op"]
    if op == "rating":
        state.ratings[(edit["w"], edit["p"])] = (edit["cur"], edit["tgt"])
    elif op == "note":
        if edit["text"].strip():
            state.notes[(edit["w"], edit["c"])] = edit["text"]
        else:
            state.notes.pop((edit["w"], edit["c"]), None)
    elif op == "add":
        assert new_id is not None, "an add needs the id it created"
        record = {"w": edit["w"], "p": edit["p"], **_fields(draft_of(edit["p"], edit)), "carried": None}
        _insert(state, new_id, record, edit["pos"])
    elif op == "carry":
        assert new_id is not None, "a carry needs the id it created"
        source = state.actions[edit["from"]]
        record = {**source, "w": edit["w"], "carried": edit["from"]}
        _insert(state, new_id, record, None)
    elif op == "restore":
        record = {"w": edit["w"], "p": edit["p"], **_fields(draft_of(edit["p"], edit)), "carried": edit["carried"]}
        _insert(state, edit["id"], record, edit["pos"])
    elif op == "update":
        record = state.actions[edit["id"]]
        record.update(_fields(draft_of(record["p"], edit)))
    elif op == "move":
        record = state.actions[edit["id"]]
        siblings = state.order[(record["w"], record["p"])]
        siblings.remove(edit["id"])
        siblings.insert(max(0, min(edit["pos"], len(siblings))), edit["id"])
    elif op == "delete":
        record = state.actions.pop(edit["id"])
        state.order[(record["w"], record["p"])].remove(edit["id"])
        for other in state.actions.values():  # ON DELETE SET NULL
            if other["carried"] == edit["id"]:
                other["carried"] = None
    else:
        raise ValueError(f"unknown edit {edit!r}")
    return state


def apply_in_flight(state: Expected, edit: dict, observed: Expected) -> Expected:
    """``state`` after an edit that was announced but not acknowledged. An add or a carry takes the
    one id the file holds that ``state`` has not (if any): the id is known only once it commits."""
    if edit["op"] in ("add", "carry"):
        new = sorted(set(observed.actions) - set(state.actions))
        if len(new) != 1:
            return state  # cannot be the edit in flight; the comparison will fail
        return apply(state, edit, new[0])
    return apply(state, edit)


# -- making random edits ----------------------------------------------------------------------------
_WORDS = ("deploy", "pipeline", "flaky", "tests", "rollback", "trunk", "Ünïcode", "κόσμε", "日本語", "🚀", "&amp;",
          "<b>", "'quote'", '"double"', "naïve", "日志", "Ελλάδα", "x" * 30)


def _text(rng: random.Random, longest: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(1, max(1, longest // 6)))]
    separators = (" ", " ", " ", "\n", "  ", "\t")
    return "".join(w + rng.choice(separators) for w in words)[:longest]


def _note_text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return rng.choice(("", " ", "\n", " \t\n "))  # removes the note
    if roll < 0.17:
        return _text(rng, rng.randint(3000, 9000))  # spills onto overflow pages
    return _text(rng, rng.randint(1, 120))


def _action_fields(rng: random.Random, model: MaturityModel, practice_id: str) -> dict:
    cells = [c.id for c in model.cells if c.practice_id == practice_id]
    return {
        "title": _text(rng, 60) if rng.random() < 0.95 else "  spaced \n title  ",
        "owner": rng.choice(("", "Ada", "  Grace  Hopper ", "Łukasz", "チーム")),
        "due": (date(2026, 1, 1) + timedelta(days=rng.randint(0, 400))).isoformat() if rng.random() < 0.6 else None,
        "status": rng.choice([s.value for s in ActionStatus]),
        "prio": rng.choice([p.value for p in ActionPriority]),
        "cell": rng.choice(cells) if rng.random() < 0.5 else None,
    }


class EditMaker:
    """Random edits that the services accept, chosen against a mirror of the file's state."""

    def __init__(self, rng: random.Random, model: MaturityModel, state: Expected) -> None:
        self.rng, self.model, self.state = rng, model, state
        self.removed: list[dict] = []  # actions removed by this process, to put back (undo)

    def next_edit(self) -> dict:
        rng, state = self.rng, self.state
        w = rng.choice(state.workshops)
        roll = rng.random()
        alive = list(state.actions)
        if roll < 0.32:
            p = rng.choice(self.model.practices).id
            cur, tgt = state.ratings.get((w, p), (None, None))
            level = rng.choice(self.model.level_values)
            kind = rng.choices(("level", "target", "clear", "both"), (5, 3, 1, 1))[0]
            if kind == "level":
                cur = level
            elif kind == "target":
                tgt = level
            elif kind == "clear":
                cur = tgt = None
            else:
                cur, tgt = level, rng.choice(self.model.level_values)
            return {"op": "rating", "kind": kind, "w": w, "p": p, "cur": cur, "tgt": tgt}
        if roll < 0.58:
            return {"op": "note", "w": w, "c": rng.choice(self.model.cells).id, "text": _note_text(rng)}
        op = rng.choices(ACTION_OPS, (8 if len(alive) < MAX_ACTIONS else 1, 6, 5, 6 if len(alive) < MAX_ACTIONS else 14,
                                      2, 2))[0]
        if op != "add" and op != "restore" and not alive:
            op = "add"
        if op == "restore":
            candidates = [
                r for r in self.removed
                if r["id"] not in state.actions and (r["carried"] is None or r["carried"] in state.actions)
            ]
            if not candidates:
                op = "add"
            else:
                record = rng.choice(candidates)
                self.removed.remove(record)
                return {"op": "restore", **record}
        if op == "add":
            p = rng.choice(self.model.practices).id
            count = len(state.order.get((w, p), []))
            pos = None if rng.random() < 0.5 else rng.randint(0, count + 1)
            return {"op": "add", "w": w, "p": p, **_action_fields(rng, self.model, p), "pos": pos}
        action_id = rng.choice(alive)
        record = state.actions[action_id]
        if op == "update":
            return {"op": "update", "id": action_id, **_action_fields(rng, self.model, record["p"])}
        if op == "move":
            count = len(state.order[(record["w"], record["p"])])
            return {"op": "move", "id": action_id, "pos": rng.randint(0, count)}
        if op == "carry":
            others = [x for x in state.workshops if x != record["w"]] or [record["w"]]
            return {"op": "carry", "w": rng.choice(others), "from": action_id}
        # delete: remember the action as it was, with its place, to put back later
        position = state.order[(record["w"], record["p"])].index(action_id)
        self.removed.append({"id": action_id, "pos": position, **record})
        return {"op": "delete", "id": action_id}

    def committed(self, edit: dict, new_id: int | None) -> None:
        self.state = apply(self.state, edit, new_id)
