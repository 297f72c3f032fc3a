"""Shared fixtures. Every test runs offscreen, on a fresh database in its own tmp_path, and never
touches the real user data folder."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest

from maturity_workshop.domain import MaturityModel, WorkshopDraft
from maturity_workshop.services import WorkshopService
from maturity_workshop.services.models import default_model

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every per-user folder at a temporary one, so no test can reach real user data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MATURITY_WORKSHOP_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("MATURITY_WORKSHOP_LOG_DIR", str(home / "logs"))
    monkeypatch.setenv("MATURITY_WORKSHOP_CONFIG_DIR", str(home / "config"))
    monkeypatch.delenv("MATURITY_WORKSHOP_ORG_URL", raising=False)  # no test publishes unless it says where
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))


@pytest.fixture(scope="session")
def qapp(qapp_args, pytestconfig):
    """The application as the app itself builds it (name, bundled fonts), for every window test."""
    from maturity_workshop.ui.app import create_application

    return create_application(qapp_args)


@pytest.fixture
def model() -> MaturityModel:
    return default_model()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workshops.sqlite3"


@pytest.fixture
def service(db_path: Path, model: MaturityModel):
    svc = WorkshopService.open(db_path, model)
    yield svc
    svc.close()


@pytest.fixture
def workshop(service: WorkshopService):
    return service.start_workshop(
        WorkshopDraft(
            team_name="Platform team",
            title="Spring review",
            held_on=date(2026, 3, 12),
            facilitator="Ada Lovelace",
            participant_count=9,
        )
    )
