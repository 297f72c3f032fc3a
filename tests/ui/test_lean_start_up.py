"""Start-up stays lean: launching the window on a database that needs no migration loads neither the
schema tools nor what only some later gesture needs (the PDF, charts, QR codes, a server stack,
text shaping, another database). Each would cost launch time the facilitator waits through."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from maturity_workshop.services import WorkshopService
from maturity_workshop.services.demo import create_demo_workshop

# Each name forbids the module and everything under it.
NOT_AT_LAUNCH = {
    "schema tools, loaded only to migrate": ["sqlalchemy", "sqlmodel", "alembic"],
    "the PDF, loaded only to export": ["reportlab"],
    "a chart library": ["pyqtgraph", "matplotlib", "PySide6.QtCharts"],
    "QR codes": ["qrcode", "segno"],
    "a server stack": [
        "asyncio", "http.server", "socketserver", "wsgiref", "aiohttp", "tornado", "flask", "werkzeug",
        "fastapi", "starlette", "uvicorn", "PySide6.QtHttpServer", "PySide6.QtWebSockets", "websockets",
    ],
    "the phones' voting server, loaded only when voting starts": ["maturity_workshop.voting"],
    "the room's panel and tallies, drawn only once voting starts": [
        "maturity_workshop.ui.voting.panel", "maturity_workshop.ui.voting.marks",
    ],
    "UUIDs, made only for a new team or workshop": ["uuid"],
    "text shaping": ["uharfbuzz", "bidi", "arabic_reshaper"],
    "PostgreSQL, and the organisation database's code": ["psycopg", "psycopg2", "maturity_workshop.org", "keyring"],
    "the organisation page, built on the first Ctrl+G": [
        "maturity_workshop.ui.organisation.page", "maturity_workshop.ui.organisation.model",
        "maturity_workshop.domain.organisation", "maturity_workshop.services.organisation",
    ],
    "the team's history, built on the first Ctrl+H": [
        "maturity_workshop.ui.history.page", "maturity_workshop.ui.history.chart",
        "maturity_workshop.ui.history.compare", "maturity_workshop.domain.charts",
    ],
    "the window's controllers, each made on its first command (ui/window/first_use.py)": [
        "maturity_workshop.ui.workshops", "maturity_workshop.ui.history", "maturity_workshop.ui.voting",
        "maturity_workshop.ui.organisation", "maturity_workshop.ui.page_controller",
    ],
    "a team's history and the room's votes, read on the first Ctrl+H, export or round": [
        "maturity_workshop.domain.history", "maturity_workshop.domain.voting", "maturity_workshop.domain.spread",
    ],
    "the publish's thread, made with the first publish": ["maturity_workshop.ui.publishing.job"],
    "the exports' code, loaded only to export": ["maturity_workshop.services.exports", "maturity_workshop.export"],
    "the system's name, logged once the window is up": ["platform"],
}  # fmt: skip

# ``python -m maturity_workshop --db DB --report-startup``, as a user starts it, but telling at
# "ready" (the window shown, the event loop turned) which modules are loaded and what it shows.
LAUNCH = textwrap.dedent(
    """\
    import json, runpy, sys

    import maturity_workshop.ui.app as app

    launch = app.run

    def run(database, ready_hook):
        def ready(window):
            print(json.dumps({"workshop": window.editor.workshop_id, "modules": sorted(sys.modules)}))
            ready_hook(window)

        return launch(database, ready_hook=ready)

    app.run = run
    sys.argv = ["maturity_workshop", "--db", sys.argv[1], "--report-startup"]
    runpy.run_module("maturity_workshop", run_name="__main__", alter_sys=True)
    """
)


def forbidden(modules: list[str]) -> list[str]:
    """Each forbidden name of which ``modules`` hold the module or one under it, and why not."""
    return [
        f"{name} ({why})"
        for why, names in NOT_AT_LAUNCH.items()
        for name in names
        if any(module == name or module.startswith(name + ".") for module in modules)
    ]


def test_launching_the_window_loads_nothing_it_does_not_need(db_path, model):
    service = WorkshopService.open(db_path, model)
    try:
        workshop = create_demo_workshop(service)
        service.remember_last_workshop(workshop.id)
    finally:
        service.close()

    result = subprocess.run(
        [sys.executable, "-c", LAUNCH, str(db_path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, f"the window never said it was ready:\n{result.stdout}\n{result.stderr}"
    launched = json.loads(lines[0])
    assert launched["workshop"] == workshop.id  # the real thing: the grid of the last workshop
    assert "maturity_workshop.ui.window.main_window" in launched["modules"]
    loaded = forbidden(launched["modules"])
    assert not loaded, "launching the window loaded " + ", ".join(loaded)


def test_a_forbidden_module_is_named():
    assert forbidden(["sqlite3", "asyncio.events", "reportlab", "reportlab.lib", "PySide6.QtCore", "bidict"]) == [
        "reportlab (the PDF, loaded only to export)",
        "asyncio (a server stack)",
    ]
