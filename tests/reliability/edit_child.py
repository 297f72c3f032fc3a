"""Child process of the crash test: random edits through the services layer, forever, until killed.

Usage: python edit_child.py DB SEED

For each edit it writes, one line each, flushed:

    I {"seq": n, "edit": {...}}            before the edit is handed to the service (the intent)
    A {"seq": n, "edit": {...}, "id": k}   after the service returned, so the edit is committed

``id`` is the id an add or carry created (else null). A kill can land anywhere, so the parent
accepts that the file holds the last intent without its ack, and nothing else that was not acked.
Each line goes out in one ``write`` so a line is whole or (if the kill cuts it) has no newline.
"""

from __future__ import annotations

import json
import os
import random
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, for tests.reliability

from maturity_workshop.domain.actions import Action, ActionPriority, ActionStatus
from maturity_workshop.domain.workshop import Rating
from maturity_workshop.services.models import default_model
from maturity_workshop.services.workshops import WorkshopService
from tests.reliability.crash_model import EditMaker, draft_of, read_state


def say(kind: str, payload: dict) -> None:
    data = f"{kind} {json.dumps(payload, separators=(',', ':'))}\n".encode()
    while data:  # a pipe takes up to its free room per write; the rest follows
        data = data[os.write(1, data):]


def as_action(action_id: int, record: dict, position: int) -> Action:
    return Action(
        id=action_id,
        workshop_id=record["w"],
        practice_id=record["p"],
        title=record["title"],
        owner=record["owner"],
        due_on=date.fromisoformat(record["due"]) if record["due"] else None,
        status=ActionStatus(record["status"]),
        priority=ActionPriority(record["prio"]),
        position=position,
        cell_id=record["cell"],
        carried_from_id=record["carried"],
    )


def perform(service: WorkshopService, maker: EditMaker, edit: dict) -> int | None:
    """Make ``edit`` through the service; the id an add or carry created."""
    op = edit["op"]
    if op == "rating":
        service.save_rating(edit["w"], Rating(edit["p"], edit["cur"], edit["tgt"]))
    elif op == "note":
        service.save_note(edit["w"], edit["c"], edit["text"])
    elif op == "add":
        return service.add_action(edit["w"], draft_of(edit["p"], edit), position=edit["pos"]).id
    elif op == "update":
        record = maker.state.actions[edit["id"]]
        service.update_action(edit["id"], draft_of(record["p"], edit))
    elif op == "move":
        service.move_action(edit["id"], edit["pos"])
    elif op == "delete":
        service.delete_action(edit["id"])
    elif op == "restore":
        service.restore_action(as_action(edit["id"], edit, edit["pos"]))
    elif op == "carry":
        source = as_action(edit["from"], maker.state.actions[edit["from"]], 0)
        (carried,) = service.carry_over(edit["w"], [source])
        return carried.id
    else:
        raise ValueError(f"unknown edit {edit!r}")
    return None


def main() -> None:
    database, seed = sys.argv[1], int(sys.argv[2])
    model = default_model()
    service = WorkshopService.open(database, model)
    state, problems = read_state(service.database.connection)
    if problems:
        raise SystemExit(f"the file was inconsistent when the child started: {problems}")
    maker = EditMaker(random.Random(seed), model, state)
    seq = 0
    while True:
        seq += 1
        edit = maker.next_edit()
        say("I", {"seq": seq, "edit": edit})
        new_id = perform(service, maker, edit)
        say("A", {"seq": seq, "edit": edit, "id": new_id})
        maker.committed(edit, new_id)


if __name__ == "__main__":
    main()
