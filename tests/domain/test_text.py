"""Text on its way in (a lone surrogate is refused with a message, wherever it is typed) and on
its way out to a terminal (control characters and bidi controls escaped, everything else as it is)."""

from __future__ import annotations

from datetime import date

import pytest

from maturity_workshop.domain import ActionDraft, WorkshopDraft
from maturity_workshop.domain.errors import ValidationError
from maturity_workshop.domain.text import for_terminal
from maturity_workshop.domain.workshop import clean_name, clean_note

LONE = "\ud800"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("red \x1b[31mALERT\x1b[0m", "red \\x1b[31mALERT\\x1b[0m"),
        ("bell\x07", "bell\\x07"),
        ("csi \x9b2J", "csi \\x9b2J"),  # the C1 control sequence introducer
        ("nul\x00 del\x7f nel\x85", "nul\\x00 del\\x7f nel\\x85"),
        ("two\nlines\tand\ra tab", "two\\nlines\\tand\\ra tab"),
        ("abc\u202edcba", "abc\\u202edcba"),  # RIGHT-TO-LEFT OVERRIDE
        ("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
        ("\u2066x\u2067y\u2068z\u2069", "\\u2066x\\u2067y\\u2068z\\u2069"),
        (f"half {LONE} and \udcff", "half \\ud800 and \\udcff"),
    ],
)
def test_for_terminal_escapes_what_a_terminal_would_act_on(text, shown):
    assert for_terminal(text) == shown
    assert for_terminal(shown) == shown  # escaping twice changes nothing more


@pytest.mark.parametrize(
    "text",
    ["Payments Platform", "Équipe Straße", "فريق المدفوعات", "צוות התשלומים", "支付团队", "🚀 team", "a\\x1b"],
)
def test_for_terminal_leaves_text_as_it_is(text):
    assert for_terminal(text) == text


def _workshop(**fields) -> WorkshopDraft:
    values = {"team_name": "Team", "title": "Review", "held_on": date(2026, 3, 12), "facilitator": "Ada"}
    return WorkshopDraft(**{**values, **fields})


@pytest.mark.parametrize(
    ("validate", "what"),
    [
        (lambda: _workshop(team_name=f"Team {LONE}").validated(), "The team's name"),
        (lambda: _workshop(title=f"Review{LONE}").validated(), "The workshop's title"),
        (lambda: _workshop(facilitator=f"{LONE}Ada").validated(), "The facilitator's name"),
        (lambda: clean_name(f"Renamed {LONE}", "The workshop's title"), "The workshop's title"),
        (lambda: clean_note(f"A note {LONE}"), "The note"),
        (lambda: ActionDraft("testing", f"Write {LONE} tests").validated(), "The action's title"),
        (lambda: ActionDraft("testing", "Write tests", owner=f"Grace{LONE}").validated(), "The action's owner"),
    ],
    ids=["team", "title", "facilitator", "rename", "note", "action-title", "action-owner"],
)
def test_a_lone_surrogate_is_refused_with_a_message_naming_the_field(validate, what):
    with pytest.raises(ValidationError) as refused:
        validate()
    message = str(refused.value)
    assert message.startswith(what) and "U+D800" in message and "lone surrogate" in message
    assert LONE not in message  # the message itself can be printed and shown anywhere
    message.encode("utf-8")


def test_a_surrogate_pair_written_as_one_character_is_text():
    assert clean_name("Team 🚀", "The team's name") == "Team 🚀"
    assert clean_note("\U0001f680") == "\U0001f680"
