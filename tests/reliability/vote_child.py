"""Child process of the votes' crash test: a voting server's writer casting votes, forever, until
it is killed.

Usage: python vote_child.py DB ROUND_ID FIRST_SEQ

Vote ``seq`` (from FIRST_SEQ on) is phone ``voter_of(seq)``'s vote for ``level_of(seq)``: the phones
come back and change their votes. It writes one line per event, each in one ``write``, so that a
line is whole or (cut by the kill) has no newline:

    S seq        before the vote is submitted
    A seq        once its Future resolved: the vote is committed (what the phone is told)
    E seq why    its Future failed (the parent counts this as a failure: nothing should fail)

At most ``IN_FLIGHT`` votes are on their way at a time, so a kill always lands with some queued,
some in a batch being committed, and some acknowledged.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, for tests.reliability

from maturity_workshop.store.votes import VoteWriter  # noqa: E402

PHONES = 150
LEVELS = (-1, 0, 1, 2, 3)
IN_FLIGHT = 20


def voter_of(seq: int) -> str:
    return f"crash-phone-{seq % PHONES:06d}"


def level_of(seq: int) -> int:
    return LEVELS[(seq * 7 + seq // PHONES) % len(LEVELS)]


def say(line: str) -> None:
    data = (line + "\n").encode()
    while data:
        data = data[os.write(1, data):]


def main() -> None:
    database, round_id, seq = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    writer = VoteWriter(database)
    writer.start()
    room = threading.BoundedSemaphore(IN_FLIGHT)
    while True:
        room.acquire()
        say(f"S {seq}")
        future = writer.submit(round_id, voter_of(seq), level_of(seq))

        def answered(future, seq=seq) -> None:
            error = future.exception()
            say(f"A {seq}" if error is None else f"E {seq} {error}")
            room.release()

        future.add_done_callback(answered)
        seq += 1


if __name__ == "__main__":
    main()
