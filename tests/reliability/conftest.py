"""The window's tests here run on the application as the app builds it, as in tests/ui."""

from __future__ import annotations

import pytest

from maturity_workshop.ui.app import create_application


@pytest.fixture(scope="session")
def qapp(qapp_args, pytestconfig):
    return create_application(qapp_args)
