"""``maturity-workshop heatmap --format png``: the organisation page drawn offscreen into a PNG,
unless a size is asked 1920 wide and as tall as every team's row takes; at a size asked, the teams
that fit and "Teams 1–N of M" under them; the date's filter in its heading; names hidden when asked;
bad input a message and exit 1."""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from maturity_workshop.services.organisation import heat_map
from maturity_workshop.ui.organisation.page import ROW_LINES
from maturity_workshop.ui.organisation.picture import POSTER_WIDTH, heat_map_image, organisation_page

from ..cli_runs import run_main
from ..organisation_fixture import HIDDEN, make_many_teams, make_organisation


@pytest.fixture
def database(service, db_path) -> Path:
    make_organisation(service)
    service.close()
    return db_path


def _png_size(path: Path) -> tuple[int, int]:
    content = path.read_bytes()
    assert content[:8] == b"\x89PNG\r\n\x1a\n" and content[12:16] == b"IHDR"
    return struct.unpack(">II", content[16:24])


def test_the_png_is_as_tall_as_its_teams_unless_told_and_hiding_names_changes_it(qapp, capsys, database, tmp_path) -> None:
    shown, hidden, small = tmp_path / "shown.png", tmp_path / "hidden.png", tmp_path / "small.png"
    code, said, err = run_main(capsys, "heatmap", "--db", str(database), "-f", "png", "-o", str(shown))
    assert code == 0 and f"Wrote {shown} (4 of 5 teams)" in said and "shows teams" not in err, err
    width, height = _png_size(shown)
    assert width == POSTER_WIDTH and 300 < height < 1080  # four teams: a strip, no empty table under them
    assert run_main(capsys, "heatmap", "--db", str(database), "-f", "png", "-o", str(hidden), "--hide-names")[0] == 0
    assert _png_size(hidden) == (width, height) and hidden.read_bytes() != shown.read_bytes()
    code, _, err = run_main(capsys, "heatmap", "--db", str(database), "-f", "png", "-o", str(small), "--size", "1280x720",
                            "--since", "2025-03-01")  # fmt: skip
    assert code == 0 and _png_size(small) == (1280, 720) and "shows teams" not in err


def test_200_teams_make_one_poster_with_every_teams_row(qapp, capsys, service, db_path, tmp_path) -> None:
    names = make_many_teams(service, 200)
    few = heat_map_image(heat_map(service).held_since(date(2025, 12, 1)), hide_names=False)  # 16 of them
    drawn = heat_map_image(heat_map(service), hide_names=False)
    assert drawn.names == names and not drawn.cut and drawn.cut_line == ""
    page = organisation_page(heat_map(service), False)
    line = page.fontMetrics().height()
    page.deleteLater()
    assert drawn.row_height == round(line * ROW_LINES)  # the rows' height from the page's font
    assert drawn.image.width() == POSTER_WIDTH and drawn.image.height() >= 200 * drawn.row_height
    assert len(few.names) == 16 and few.image.height() < drawn.image.height() - 150 * drawn.row_height
    service.close()
    poster = tmp_path / "poster.png"
    code, said, err = run_main(capsys, "heatmap", "--db", str(db_path), "-f", "png", "-o", str(poster))
    assert code == 0 and "(200 of 200 teams)" in said and "shows teams" not in err, err
    read = QImage(str(poster))
    assert (read.width(), read.height()) == (drawn.image.width(), drawn.image.height())


def test_a_size_too_short_for_every_team_says_which_are_on_it(qapp, capsys, service, db_path, tmp_path) -> None:
    names = make_many_teams(service, 40)
    drawn = heat_map_image(heat_map(service), hide_names=False, size=QSize(1280, 720))
    whole = len(drawn.names)
    assert 5 <= whole < 40 and drawn.names == names[:whole] and drawn.cut
    assert drawn.cut_line.startswith(f"Teams 1–{whole} of 40")
    assert (drawn.image.width(), drawn.image.height()) == (1280, 720)
    service.close()
    output = tmp_path / "cut.png"
    code, said, err = run_main(capsys, "heatmap", "--db", str(db_path), "-f", "png", "-o", str(output), "--size", "1280x720")
    assert code == 0 and "(40 of 40 teams)" in said and _png_size(output) == (1280, 720)
    assert f"shows teams 1–{whole} of 40: a taller --size, or no --size" in err and "Traceback" not in err


def test_since_is_said_in_the_pictures_heading(qapp, service) -> None:
    make_organisation(service)
    drawn = heat_map_image(heat_map(service, date(2025, 3, 1)), hide_names=False)
    assert "on or after 1 Mar 2025" in drawn.heading and len(drawn.names) == 3
    assert "on or after" not in heat_map_image(heat_map(service), hide_names=False).heading


def test_the_page_drawn_for_the_picture_hides_the_names(qapp, service) -> None:
    make_organisation(service)
    page = organisation_page(heat_map(service), hide_names=True)
    try:
        assert page.names() == [HIDDEN[name] for name in ("alpha crew", "Demo squad", "Other team", "Platform team")]
        shown = [page.model.index(row, 0).data() for row in range(page.model.rowCount())]
        assert not any(name in " ".join(shown) for name in HIDDEN)
    finally:
        page.deleteLater()


@pytest.mark.parametrize("args, words", [
    (("-o", "{tmp}/no/such/folder/heat.png"), "does not exist"),
    (("-o", "{tmp}/heat.png", "--size", "huge"), "is not a size like 1920x1080"),
    (("-o", "{tmp}/heat.png", "--size", "10x10"), "is not a size like 1920x1080"),
])  # fmt: skip
def test_bad_input_is_a_message_and_exit_1(qapp, capsys, database, tmp_path, args, words) -> None:
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    code, _, err = run_main(capsys, "heatmap", "--db", str(database), "-f", "png", *argv)
    assert code == 1 and words in err and "Traceback" not in err
    assert not (tmp_path / "heat.png").exists()


def test_a_place_that_cannot_be_written_is_a_message(qapp, capsys, database, tmp_path) -> None:
    """A file where the folder should be, and a folder where the file should be (root ignores
    permissions, so neither is a read-only folder)."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    for output in (blocker / "heat.png", tmp_path):
        code, _, err = run_main(capsys, "heatmap", "--db", str(database), "-f", "png", "-o", str(output))
        assert code == 1 and "Cannot write the export to" in err and "Traceback" not in err, err
    assert blocker.read_text() == "not a folder"


def test_size_goes_with_png_only(capsys, database, tmp_path) -> None:
    with pytest.raises(SystemExit) as exit_:
        run_main(capsys, "heatmap", "--db", str(database), "-f", "csv", "-o", str(tmp_path / "x.csv"), "--size", "800x600")
    assert exit_.value.code == 2 and "--size goes with --format png" in capsys.readouterr().err
