"""``maturity-workshop heatmap --format png``: the organisation page drawn offscreen into a PNG of
the size asked (1920x1080 unless told), names hidden when asked; bad input a message and exit 1."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from maturity_workshop.services.organisation import heat_map
from maturity_workshop.ui.organisation.picture import organisation_page

from ..cli_runs import run_main
from ..organisation_fixture import HIDDEN, make_organisation


@pytest.fixture
def database(service, db_path) -> Path:
    make_organisation(service)
    service.close()
    return db_path


def _png_size(path: Path) -> tuple[int, int]:
    content = path.read_bytes()
    assert content[:8] == b"\x89PNG\r\n\x1a\n" and content[12:16] == b"IHDR"
    return struct.unpack(">II", content[16:24])


def test_the_png_is_1920x1080_unless_told_and_hiding_names_changes_it(qapp, capsys, database, tmp_path) -> None:
    shown, hidden, small = tmp_path / "shown.png", tmp_path / "hidden.png", tmp_path / "small.png"
    code, said, err = run_main(capsys, "heatmap", "--db", str(database), "-f", "png", "-o", str(shown))
    assert code == 0 and f"Wrote {shown} (4 of 5 teams)" in said, err
    assert _png_size(shown) == (1920, 1080)
    assert run_main(capsys, "heatmap", "--db", str(database), "-f", "png", "-o", str(hidden), "--hide-names")[0] == 0
    assert _png_size(hidden) == (1920, 1080) and hidden.read_bytes() != shown.read_bytes()
    code, _, _ = run_main(capsys, "heatmap", "--db", str(database), "-f", "png", "-o", str(small), "--size", "1280x720",
                          "--since", "2025-03-01")  # fmt: skip
    assert code == 0 and _png_size(small) == (1280, 720)


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
