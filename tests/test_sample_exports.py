"""exports/ holds the demo workshop's action plan; it must be exactly what the app renders now."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity_workshop.services.demo import DEMO_EXPORT_NAME, create_demo_workshop, write_demo_exports
from maturity_workshop.services.exports import FORMATS
from maturity_workshop.services.models import default_model
from maturity_workshop.services.workshops import WorkshopService

EXPORTS = Path(__file__).resolve().parent.parent / "exports"


@pytest.fixture(scope="module")
def fresh_exports(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("demo")
    service = WorkshopService.open(folder / "demo.sqlite3", default_model())
    try:
        workshop = create_demo_workshop(service)
        paths = write_demo_exports(service, workshop.id, folder / "exports")
    finally:
        service.close()
    return {path.suffix.lstrip("."): path.read_bytes() for path in paths}


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_export_matches_a_fresh_render_byte_for_byte(fresh_exports, fmt):
    sample = EXPORTS / f"{DEMO_EXPORT_NAME}.{fmt}"
    assert sample.is_file(), f"{sample} is missing: run ./dev exports"
    assert fresh_exports[fmt] == sample.read_bytes(), f"{sample} is stale: run ./dev exports and review the diff"
