"""What a backup holds and when it was taken, in the words the backup dialogs use."""

from __future__ import annotations

from ...services.backups import BackupSummary
from ..widgets import local_time, plural


def holds(summary: BackupSummary) -> str:
    """What a backup holds: "3 workshops of 2 teams"."""
    if summary.problem:
        return summary.problem
    return f"{plural(summary.workshops, 'workshop')} of {plural(summary.teams, 'team')}"


def last_workshop(summary: BackupSummary) -> str:
    """The workshop changed last: "“Spring review” (Platform team, 12 Mar 2026)"."""
    if summary.problem or summary.last_title is None:
        return "—"
    held = f", {summary.last_held_on.strftime('%d %b %Y')}" if summary.last_held_on else ""
    return f"“{summary.last_title}” ({summary.last_team}{held})"


def last_changed(summary: BackupSummary) -> str:
    """When the workshop changed last was changed, in local time."""
    if summary.problem or summary.last_changed_at is None:
        return ""
    return local_time(summary.last_changed_at)


def last_change(summary: BackupSummary) -> str:
    """Both in one line: "“Spring review” (Platform team, 12 Mar 2026), changed Thu 26 Nov 2026, 07:12"."""
    changed = last_changed(summary)
    return last_workshop(summary) + (f", changed {changed}" if changed else "")
