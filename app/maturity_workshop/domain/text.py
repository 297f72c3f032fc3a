"""Text as the user typed it, on its way in: refused when it holds what is not a character."""

from __future__ import annotations

import re

from .errors import ValidationError

# Lone surrogates: half of a UTF-16 pair, no character, and no encoding can write one.
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(value: str, what: str) -> None:
    """Refuse text holding a lone surrogate, with a message naming ``what`` ("The team's name")."""
    found = _SURROGATE.search(value)
    if found:
        raise ValidationError(
            f"{what} holds U+{ord(found.group()):04X}, half of a character (a lone surrogate), at position "
            f"{found.start() + 1}: it cannot be saved. Remove it or type the character again."
        )
