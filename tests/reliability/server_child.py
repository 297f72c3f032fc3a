"""Child process of the voting server's crash test: the real VotingServer on 127.0.0.1 with the real
VoteWriter on the database, serving one open round, until it is killed.

Usage: python server_child.py DB ROUND_ID

Once it listens with the round open, it writes one line, ``READY <the phones' address>``, and then
nothing: the test drives it with real WebSocket clients and SIGKILLs it mid-stream. It never stops
by itself (a watchdog in the test kills one that hangs).
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from maturity_workshop.services.models import default_model
from maturity_workshop.store.engine import Database
from maturity_workshop.store.votes import VoteRepository, VoteWriter
from maturity_workshop.voting.server import VotingServer


def main() -> None:
    database, round_id = Path(sys.argv[1]), int(sys.argv[2])
    reading = Database(database, read_only=True)
    try:
        voting_round = VoteRepository(reading).round(round_id)
    finally:
        reading.close()
    writer = VoteWriter(database)
    writer.start()
    server = VotingServer("127.0.0.1", writer, default_model(), lambda event: None)
    server.start()
    server.open_round(voting_round)
    os.write(1, f"READY {server.url}\n".encode())
    threading.Event().wait()  # serve until killed


if __name__ == "__main__":
    main()
