"""The window's scripted questions, as a fixture: the window's tests (their conftest) and the
organisation window's (tests/org) take it from here; the application itself is tests/conftest.py's."""

from __future__ import annotations

import pytest

from .scripted_prompts import ScriptedPrompts


@pytest.fixture
def prompts() -> ScriptedPrompts:
    """The window's questions, answered by the test (see ``scripted_prompts.py``)."""
    return ScriptedPrompts()
