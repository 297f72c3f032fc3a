"""PySide6's lost references to None/True/False, and the guard that keeps a benchmark alive.

PySide6 6.12.0 on Python < 3.12 drops a reference to ``None`` on every call of a C++ method that
returns void (and one to ``True``/``False`` on some bool signals delivered to Python), and the
process aborts ("none_dealloc: deallocating None") once such a count reaches zero. The click
benchmark measures how many references a click loses, and keeps its own process alive by topping
the counts up; the app has no such guard.
"""

from __future__ import annotations

import ctypes
import sys


class RefcountGuard:
    """Keeps this process alive under PySide6's lost references to None/True/False, and counts them.

    On Python < 3.12 these singletons have ordinary reference counts, and PySide6 6.12.0 decrements
    ``None``'s once per call of a void C++ method (``QFont.setBold``, ``QPainter.save``,
    ``repaint``, ...), and a bool's once per bool signal delivered to a Python callable, without
    having incremented it. When a count reaches zero CPython aborts the process. Adding to the
    counts is harmless (the singletons are never freed anyway), and the references added are never
    taken back, so the interpreter also survives its own shutdown. On Python >= 3.12 the singletons
    are immortal and the guard does nothing.
    """

    SINGLETONS = {"None": None, "True": True, "False": False}
    LOW_WATER = 1_000_000
    TOP_UP = 10_000_000

    def __init__(self) -> None:
        self.active = sys.version_info < (3, 12)
        self.added = dict.fromkeys(self.SINGLETONS, 0)

    def refs(self) -> dict[str, int]:
        """Each singleton's reference count as it would be without the guard's top-ups."""
        return {name: sys.getrefcount(obj) - self.added[name] for name, obj in self.SINGLETONS.items()}

    def top_up(self) -> None:
        if not self.active:
            return
        for name, obj in self.SINGLETONS.items():
            if sys.getrefcount(obj) < self.LOW_WATER:
                ctypes.c_ssize_t.from_address(id(obj)).value += self.TOP_UP  # ob_refcnt: the first field
                self.added[name] += self.TOP_UP


GUARD = RefcountGuard()
