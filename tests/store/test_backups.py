"""Backups: which to keep (a pure function of their times), and taking, checking, listing,
describing and restoring them with SQLite's backup API."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity_workshop.store import backups
from maturity_workshop.store.backups import (
    KEEP_DAILY_DAYS,
    KEEP_LAST,
    KEEP_WEEKLY_WEEKS,
    Backup,
    BackupError,
    back_up_file,
    backup_folder,
    backup_name,
    backups_to_keep,
    check_copy,
    copy_into,
    list_backups,
    prune,
    summarize,
    take_backup,
)
from maturity_workshop.store.engine import HEAD_REVISION, connect

from .damaged_files import add_workshop, make_corrupted_page, make_database, workshop_titles

NOW = datetime(2026, 11, 26, 6, 12, 33, tzinfo=UTC)  # a Thursday
H, D, W = timedelta(hours=1), timedelta(days=1), timedelta(weeks=1)


# -- which to keep ----------------------------------------------------------------------------------
def test_ten_or_fewer_are_all_kept_however_old() -> None:
    times = [NOW - 400 * D - i * 30 * D for i in range(KEEP_LAST)]
    assert backups_to_keep(times, NOW) == set(times)


def test_an_empty_list_keeps_nothing() -> None:
    assert backups_to_keep([], NOW) == set()


def test_many_backups_of_one_morning_keep_the_last_ten() -> None:
    times = [NOW - i * timedelta(minutes=5) for i in range(30)]  # all today, all this week
    assert backups_to_keep(times, NOW) == set(times[:KEEP_LAST])


def test_the_newest_of_each_day_is_kept_for_two_weeks() -> None:
    # Every 5 minutes from 09:00 to 17:00 UTC, each of the last 20 days (today's only up to now).
    times = [
        datetime(2026, 11, 26, 9, tzinfo=UTC) - day * D + minute * timedelta(minutes=5)
        for day in range(1, 21)
        for minute in range(97)
    ]
    kept = backups_to_keep(times, NOW)
    newest = sorted(times, reverse=True)
    for day in range(1, KEEP_DAILY_DAYS):  # today has none; yesterday .. 13 days ago
        evening = datetime(2026, 11, 26, 17, tzinfo=UTC) - day * D
        assert evening in kept, day
        assert evening - timedelta(minutes=5 * KEEP_LAST + 5) not in kept  # not the day's others
    assert set(newest[:KEEP_LAST]) <= kept
    # 14 days ago is Thursday 12 November: outside the daily window, but the newest of its ISO week
    # (Monday 9 to Sunday 15) is Sunday the 15th's, which is inside the daily window.
    assert datetime(2026, 11, 12, 17, tzinfo=UTC) not in kept


def test_day_boundaries_are_utc_calendar_days() -> None:
    late = datetime(2026, 11, 24, 23, 59, 59, tzinfo=UTC)
    early = datetime(2026, 11, 25, 0, 0, 0, tzinfo=UTC)
    fillers = [NOW - i * timedelta(minutes=1) for i in range(KEEP_LAST)]  # the last ten, all today
    assert backups_to_keep([late, early, *fillers], NOW) >= {late, early}
    same_day = datetime(2026, 11, 25, 23, 59, 59, tzinfo=UTC)
    assert early not in backups_to_keep([same_day, early, *fillers], NOW)


def test_the_newest_of_each_week_is_kept_for_two_months() -> None:
    times = [NOW - i * D for i in range(1, 120)]  # one a day, at this time of day, for four months
    kept = backups_to_keep(times, NOW)
    this_monday = NOW.date() - timedelta(days=NOW.weekday())
    for week in range(1, KEEP_WEEKLY_WEEKS):  # each earlier week: its Sunday's, the newest of the week
        sunday = this_monday - week * timedelta(days=7) + timedelta(days=6)
        assert datetime.combine(sunday, NOW.timetz()) in kept, week
    monday_of_oldest = this_monday - (KEEP_WEEKLY_WEEKS - 1) * timedelta(days=7)
    assert min(kept).date() >= monday_of_oldest
    assert all(t.date() >= monday_of_oldest for t in kept)
    # Within the daily window every day is kept; further back only Sundays (the newest of each week).
    for moment in kept:
        if (NOW.date() - moment.date()).days >= KEEP_DAILY_DAYS:
            assert moment.weekday() == 6, moment


def test_backups_older_than_two_months_go_once_there_are_newer_ones() -> None:
    old = [NOW - 100 * D - i * H for i in range(5)]
    recent = [NOW - i * H for i in range(KEEP_LAST)]
    assert backups_to_keep([*old, *recent], NOW) == set(recent)


def test_the_newest_of_the_day_is_kept_not_the_first() -> None:
    day = NOW - 5 * D
    times = [day.replace(hour=h) for h in (8, 12, 16)] + [NOW - i * timedelta(minutes=1) for i in range(KEEP_LAST)]
    kept = backups_to_keep(times, NOW)
    assert day.replace(hour=16) in kept
    assert day.replace(hour=8) not in kept and day.replace(hour=12) not in kept


def test_backups_dated_after_now_are_kept() -> None:
    """A clock set back must not make the newest backups look like ones to delete."""
    future = [NOW + 3 * D, NOW + 400 * D]
    recent = [NOW - i * timedelta(minutes=1) for i in range(KEEP_LAST)]
    assert backups_to_keep([*future, *recent], NOW) >= set(future)


def test_times_in_other_zones_are_compared_in_utc() -> None:
    tokyo = timezone(timedelta(hours=9))
    moment = datetime(2026, 11, 26, 8, 0, tzinfo=tokyo)  # 23:00 UTC the day before
    kept = backups_to_keep([moment], NOW)
    assert kept == {moment.astimezone(UTC)}


def test_keeping_is_stable_when_applied_again() -> None:
    times = [NOW - i * timedelta(hours=7) for i in range(400)]
    kept = backups_to_keep(times, NOW)
    assert backups_to_keep(kept, NOW) == kept


def test_pruning_after_every_backup_for_months_keeps_the_promise() -> None:
    """A facilitator backs up every 5 minutes through a working day, every weekday, for 120 days,
    pruning after each one: what is left is at most 10 + 14 + 9 backups, and covers every promise."""
    kept: set[datetime] = set()
    start = datetime(2026, 8, 3, 8, 0, tzinfo=UTC)  # a Monday
    now = start
    for day in range(120):
        today = start + day * D
        if today.weekday() >= 5:
            continue
        for step in range(96):
            now = today + step * timedelta(minutes=5)
            kept.add(now)
            kept = backups_to_keep(kept, now)
            assert len(kept) <= KEEP_LAST + KEEP_DAILY_DAYS + KEEP_WEEKLY_WEEKS
    ordered = sorted(kept, reverse=True)
    assert ordered[:KEEP_LAST] == [now - i * timedelta(minutes=5) for i in range(KEEP_LAST)]
    for back in range(KEEP_DAILY_DAYS):  # each working day of the last two weeks: its last backup
        day = (now - back * D).date()
        if day.weekday() < 5:
            assert datetime.combine(day, datetime.min.time(), UTC) + 8 * H + 95 * timedelta(minutes=5) in kept
    monday = now.date() - timedelta(days=now.weekday())
    for week in range(1, KEEP_WEEKLY_WEEKS):  # each earlier week: its Friday's last backup
        friday = monday - week * timedelta(days=7) + timedelta(days=4)
        assert datetime.combine(friday, datetime.min.time(), UTC) + 8 * H + 95 * timedelta(minutes=5) in kept


_moments = st.datetimes(
    min_value=datetime(2026, 6, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
).map(lambda t: t.replace(microsecond=0))


@settings(max_examples=300, deadline=None)
@given(times=st.lists(_moments, max_size=80), now=_moments)
def test_what_is_kept_is_exactly_what_the_rules_say(times: list[datetime], now: datetime) -> None:
    kept = backups_to_keep(times, now)
    assert kept <= set(times)
    newest_first = sorted(set(times), reverse=True)
    today, this_monday = now.date(), now.date() - timedelta(days=now.weekday())

    def day_of(t: datetime) -> date:
        return t.date()

    def week_of(t: datetime) -> date:
        return t.date() - timedelta(days=t.weekday())

    wanted = {t for t in newest_first if t > now} | set(newest_first[:KEEP_LAST])
    past = [t for t in newest_first if t <= now]
    for t in past:
        if (today - day_of(t)).days < KEEP_DAILY_DAYS and t == max(u for u in past if day_of(u) == day_of(t)):
            wanted.add(t)
        if (this_monday - week_of(t)).days // 7 < KEEP_WEEKLY_WEEKS and t == max(
            u for u in past if week_of(u) == week_of(t)
        ):
            wanted.add(t)
    assert kept == wanted


# -- names and listing ---------------------------------------------------------------------------
def test_backup_names_say_the_utc_second_and_sort_by_time(tmp_path: Path) -> None:
    database = tmp_path / "workshops.sqlite3"
    assert backup_folder(database) == tmp_path / "backups"
    assert backup_name(database, NOW) == "workshops-20261126T061233Z.sqlite3"
    paris = timezone(timedelta(hours=1))
    assert backup_name(database, datetime(2026, 11, 26, 7, 12, 33, tzinfo=paris)) == "workshops-20261126T061233Z.sqlite3"
    names = [backup_name(database, NOW + i * timedelta(seconds=37)) for i in range(50)]
    assert names == sorted(names)


def test_listing_finds_this_databases_backups_newest_first_and_nothing_else(tmp_path: Path) -> None:
    database = tmp_path / "workshops.sqlite3"
    folder = backup_folder(database)
    folder.mkdir()
    for name in (
        "workshops-20261126T061233Z.sqlite3",
        "workshops-20261001T000000Z.sqlite3",
        "workshops-20261127T000000Z.sqlite3",
        "other-20261126T061233Z.sqlite3",  # another database's
        "workshops-20261126T061233Z.sqlite3-journal",
        ".workshops-20261128T000000Z.sqlite3.partial",
        "workshops-2026112T061233Z.sqlite3",
        "workshops-20261399T061233Z.sqlite3",  # no such month
        "notes.txt",
    ):
        (folder / name).write_bytes(b"x")
    listed = list_backups(database)
    assert [b.path.name for b in listed] == [
        "workshops-20261127T000000Z.sqlite3",
        "workshops-20261126T061233Z.sqlite3",
        "workshops-20261001T000000Z.sqlite3",
    ]
    assert listed[1].taken_at == NOW
    assert list_backups(tmp_path / "elsewhere" / "workshops.sqlite3") == []


# -- taking one -------------------------------------------------------------------------------------
@pytest.fixture
def database(tmp_path: Path) -> Path:
    return make_database(tmp_path / "workshops.sqlite3", notes=12)


def _dump(path: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        tables = [n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: connection.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        connection.close()


def test_a_backup_is_a_whole_checked_single_file_copy(database: Path) -> None:
    source = connect(database)
    try:
        backup = take_backup(source, database, NOW)
    finally:
        source.close()
    assert backup == Backup(database.parent / "backups" / "workshops-20261126T061233Z.sqlite3", NOW)
    assert _dump(backup.path) == _dump(database)
    assert sorted(p.name for p in backup.path.parent.iterdir()) == [backup.path.name]  # no -wal, no leftovers
    copy = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        copy.close()
    assert check_copy(backup.path) == []


def test_a_backup_of_the_open_database_holds_what_is_committed_in_the_write_ahead_log(tmp_path: Path) -> None:
    database = make_database(tmp_path / "workshops.sqlite3", notes=2)
    live = connect(database)
    try:
        live.execute("PRAGMA wal_autocheckpoint = 0")
        live.execute("UPDATE workshop SET title = 'Changed since the checkpoint'")
        assert Path(f"{database}-wal").stat().st_size > 0
        backup = take_backup(live, database, NOW)
    finally:
        live.close()
    assert workshop_titles(backup.path) == ["Changed since the checkpoint"]


def test_two_backups_in_one_second_get_the_next_free_second(database: Path) -> None:
    source = connect(database)
    try:
        first = take_backup(source, database, NOW)
        second = take_backup(source, database, NOW.replace(microsecond=500_000))
        third = take_backup(source, database, NOW)
    finally:
        source.close()
    assert [first.taken_at, second.taken_at, third.taken_at] == [NOW, NOW + timedelta(seconds=1), NOW + timedelta(seconds=2)]
    assert [b.path for b in list_backups(database)] == [third.path, second.path, first.path]


def test_a_copy_that_fails_its_check_is_deleted_and_reported(tmp_path: Path) -> None:
    database = make_corrupted_page(tmp_path / "workshops.sqlite3")
    source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        with pytest.raises(BackupError, match="failed its check") as info:
            take_backup(source, database, NOW)
    finally:
        source.close()
    assert info.value.damaged
    assert list(backup_folder(database).iterdir()) == []


def test_a_copy_the_check_rejects_is_not_kept(database: Path) -> None:
    source = connect(database)
    try:
        with pytest.raises(BackupError, match="row 7 missing from index") as info:
            take_backup(source, database, NOW, check=lambda _copy: ["row 7 missing from index"])
    finally:
        source.close()
    assert info.value.damaged
    assert list(backup_folder(database).iterdir()) == []


def test_a_backup_that_cannot_be_written_is_a_clear_error(database: Path, monkeypatch) -> None:
    folder = backup_folder(database)
    folder.parent.joinpath("backups").write_text("a file where the folder should be")
    source = connect(database)
    try:
        with pytest.raises(BackupError, match="backup folder") as info:
            take_backup(source, database, NOW)
    finally:
        source.close()
    assert not info.value.damaged


def test_leftovers_of_an_interrupted_backup_are_removed(database: Path) -> None:
    folder = backup_folder(database)
    folder.mkdir()
    leftover = folder / ".workshops-20261101T000000Z.sqlite3.partial"
    leftover.write_bytes(b"half a copy")
    Path(f"{leftover}-journal").write_bytes(b"journal")
    source = connect(database)
    try:
        backup = take_backup(source, database, NOW)
    finally:
        source.close()
    assert sorted(p.name for p in folder.iterdir()) == [backup.path.name]


def test_taking_a_backup_prunes_by_the_rotation_and_leaves_other_files(database: Path) -> None:
    folder = backup_folder(database)
    folder.mkdir()
    source = connect(database)
    try:
        old = [take_backup(source, database, NOW - 200 * D + i * H) for i in range(KEEP_LAST)]
        assert len(list_backups(database)) == KEEP_LAST
        (folder / "notes.txt").write_text("mine")
        (folder / "other-20200101T000000Z.sqlite3").write_bytes(b"another database's")
        new = take_backup(source, database, NOW)
    finally:
        source.close()
    remaining = list_backups(database)
    assert new in remaining
    assert old[0] not in remaining  # the oldest of ten, 200 days old, is the one the eleventh pushes out
    assert len(remaining) == KEEP_LAST
    assert (folder / "notes.txt").read_text() == "mine"
    assert (folder / "other-20200101T000000Z.sqlite3").exists()


def test_prune_deletes_only_what_the_rotation_drops(database: Path) -> None:
    folder = backup_folder(database)
    folder.mkdir()
    times = [NOW - i * 6 * H for i in range(60)]
    for moment in times:
        (folder / backup_name(database, moment)).write_bytes(b"")
    deleted = prune(database, NOW)
    kept = backups_to_keep(times, NOW)
    assert {b.taken_at for b in list_backups(database)} == kept
    assert len(deleted) == len(times) - len(kept)


def test_back_up_file_reads_without_writing(database: Path) -> None:
    before = database.read_bytes()
    backup = back_up_file(database, NOW)
    assert database.read_bytes() == before
    assert sorted(p.name for p in database.parent.iterdir()) == ["backups", "workshops.sqlite3"]
    assert _dump(backup.path) == _dump(database)


# -- what a backup holds ----------------------------------------------------------------------------
def test_a_summary_counts_workshops_and_teams_and_names_the_last_changed(tmp_path: Path) -> None:
    database = make_database(tmp_path / "workshops.sqlite3", team="Équipe A", title="Première", notes=1)
    add_workshop(database, "数据平台组", "季度评估")
    add_workshop(database, "Équipe A", "Deuxième")
    backup = back_up_file(database, NOW)
    summary = summarize(backup.path)
    assert (summary.workshops, summary.teams) == (3, 2)
    assert (summary.last_title, summary.last_team, summary.last_held_on) == ("Deuxième", "Équipe A", date(2026, 4, 1))
    assert summary.last_changed_at is not None and summary.last_changed_at.tzinfo is not None
    assert summary.revision == HEAD_REVISION
    assert summary.problem is None


def test_a_summary_of_an_empty_database(tmp_path: Path) -> None:
    from maturity_workshop.store.engine import open_database

    database = tmp_path / "workshops.sqlite3"
    open_database(database).close()
    summary = summarize(back_up_file(database, NOW).path)
    assert (summary.workshops, summary.teams, summary.last_title, summary.problem) == (0, 0, None, None)


def test_a_summary_of_an_unreadable_backup_says_so(tmp_path: Path) -> None:
    path = tmp_path / "backups" / "workshops-20261126T061233Z.sqlite3"
    path.parent.mkdir()
    path.write_text("not a database at all " * 50)
    summary = summarize(path)
    assert summary.problem and "cannot be read" in summary.problem
    assert check_copy(path) != []


# -- restoring --------------------------------------------------------------------------------------
def test_copy_into_replaces_the_whole_database_and_keeps_it_in_wal_mode(tmp_path: Path) -> None:
    database = make_database(tmp_path / "workshops.sqlite3", title="As it was", notes=3)
    backup = back_up_file(database, NOW)
    add_workshop(database, "Mobile team", "Added after the backup")
    assert workshop_titles(database) == ["As it was", "Added after the backup"]
    copy_into(backup.path, database)
    assert workshop_titles(database) == ["As it was"]
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()


def test_copy_into_a_missing_file_creates_it(tmp_path: Path) -> None:
    database = make_database(tmp_path / "workshops.sqlite3", title="Saved", notes=1)
    backup = back_up_file(database, NOW)
    target = tmp_path / "new.sqlite3"
    copy_into(backup.path, target)
    assert workshop_titles(target) == ["Saved"]


def test_copy_into_from_an_unreadable_backup_changes_nothing(tmp_path: Path) -> None:
    database = make_database(tmp_path / "workshops.sqlite3", title="Kept", notes=1)
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("garbage " * 600)
    with pytest.raises(BackupError):
        copy_into(bad, database)
    assert workshop_titles(database) == ["Kept"]


def test_backups_module_needs_no_sqlalchemy() -> None:
    assert "sqlalchemy" not in backups.__dict__
