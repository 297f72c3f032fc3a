"""The time, in UTC. What needs the time takes a clock (``Callable[[], datetime]``) defaulting to
:func:`utcnow`, so that a test can set it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)
