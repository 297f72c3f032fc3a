"""Text as the user typed it, on its way in (refused when it holds what is not a character) and on
its way out to a terminal (escaped where a character would act instead of being printed)."""

from __future__ import annotations

import re

from .errors import ValidationError

# C0 controls, DEL and C1 controls (ESC, BEL, CSI U+009B...: a terminal runs them); the bidi
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069: they reorder the text around
# them); lone surrogates (half of a UTF-16 pair: no character, and no encoding can write one).
_ACTING = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def for_terminal(text: str) -> str:
    """``text`` safe to print: each control character, bidi control and lone surrogate written as
    Python writes it in a string (ESC as ``\\x1b``, a newline as ``\\n``, U+202E as ``\\u202e``),
    everything else as it is."""
    return _ACTING.sub(_escaped, text)


def check_text(value: str, what: str) -> None:
    """Refuse text holding a lone surrogate, with a message naming ``what`` ("The team's name")."""
    found = _SURROGATE.search(value)
    if found:
        raise ValidationError(
            f"{what} holds U+{ord(found.group()):04X}, half of a character (a lone surrogate), at position "
            f"{found.start() + 1}: it cannot be saved. Remove it or type the character again."
        )
