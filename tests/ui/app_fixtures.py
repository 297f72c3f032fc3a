"""The window's application and its scripted questions, as fixtures: the window's tests (their
conftest) and the organisation window's (tests/org) take them from here."""

from __future__ import annotations

import pytest

from maturity_workshop.ui.app import create_application

from .scripted_prompts import ScriptedPrompts


@pytest.fixture
def qapp_cls():
    return None


@pytest.fixture(scope="session")
def qapp(qapp_args, pytestconfig):
    """The application as the app itself builds it (name, bundled fonts)."""
    return create_application(qapp_args)


@pytest.fixture
def prompts() -> ScriptedPrompts:
    """The window's questions, answered by the test (see ``scripted_prompts.py``)."""
    return ScriptedPrompts()
