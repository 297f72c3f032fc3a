"""The wheel is clean (the package with its resources and migrations, nothing else) and works
when installed on its own: built from the checkout, installed into a fresh virtual environment
with pip, and run there as the `maturity-workshop` command with --self-test."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from .tools import REPO_ROOT, SCRIPT_NAME, VERSION

pytestmark = pytest.mark.slow

REQUIRED = [
    "maturity_workshop/__init__.py",
    "maturity_workshop/selftest.py",
    "maturity_workshop/resources/models/cd-maturity.toml",
    "maturity_workshop/resources/fonts/DejaVuSans.ttf",
    "maturity_workshop/resources/fonts/DejaVuSans-Bold.ttf",
    "maturity_workshop/resources/fonts/LICENSE-DejaVu.txt",
    "maturity_workshop/resources/fonts/fallback/DroidSansFallbackFull.ttf",
    "maturity_workshop/resources/fonts/fallback/wqy-microhei.ttc",
    "maturity_workshop/resources/fonts/fallback/Symbola_hint.ttf",
    "maturity_workshop/resources/icons/maturity-workshop.svg",
    "maturity_workshop/store/migrations/env.py",
    "maturity_workshop/store/migrations/script.py.mako",
]


def _run(command, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, check=False, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    wheelhouse = tmp_path_factory.mktemp("wheelhouse")
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheelhouse), str(REPO_ROOT)],
        timeout=600,
    )
    (wheel,) = wheelhouse.glob("*.whl")
    return wheel


def test_the_wheel_holds_the_package_its_resources_and_migrations_and_nothing_else(wheel):
    assert wheel.name == f"maturity_workshop-{VERSION}-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()
    missing = [name for name in REQUIRED if name not in names]
    assert not missing, f"the wheel lacks {missing}"
    migrations = {Path(n).name for n in names if n.startswith("maturity_workshop/store/migrations/versions/")}
    on_disk = {p.name for p in (REPO_ROOT / "app/maturity_workshop/store/migrations/versions").glob("*.py")}
    assert on_disk and on_disk <= migrations, f"the wheel lacks migrations {sorted(on_disk - migrations)}"
    in_checkout = {
        p.relative_to(REPO_ROOT / "resources").as_posix()
        for p in (REPO_ROOT / "resources").rglob("*")
        if p.is_file()
    }
    in_wheel = {
        n.removeprefix("maturity_workshop/resources/")
        for n in names
        if n.startswith("maturity_workshop/resources/")
    }
    assert in_checkout <= in_wheel, f"the wheel lacks resources {sorted(in_checkout - in_wheel)}"

    top_level = {name.split("/")[0] for name in names}
    assert top_level == {"maturity_workshop", f"maturity_workshop-{VERSION}.dist-info"}, top_level
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".pyo"))]
    assert not [
        n for n in names if "/tests/" in n or Path(n).name.startswith("test_") or n.startswith("app/")
    ]
    entry_points = (
        zipfile.ZipFile(wheel).read(f"maturity_workshop-{VERSION}.dist-info/entry_points.txt").decode()
    )
    assert f"{SCRIPT_NAME} = maturity_workshop.__main__:main" in entry_points


def test_the_installed_wheel_runs_its_self_test_in_a_fresh_environment(wheel, tmp_path):
    # A fresh venv (not the project's, not --system-site-packages): pip installs the wheel and its
    # dependencies as a user's `pip install` would; only the pip cache makes it quick.
    started = time.monotonic()
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], timeout=300)
    python = venv / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], timeout=900)
    installed = time.monotonic()

    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QT_QPA_PLATFORM")}
    environment["MATURITY_WORKSHOP_DATA_DIR"] = str(tmp_path / "user-data")
    workdir = tmp_path / "elsewhere"  # not the checkout: nothing may come from there
    workdir.mkdir()
    result = _run([str(venv / "bin" / SCRIPT_NAME), "--self-test"], timeout=120, env=environment, cwd=workdir)
    assert "Self-test passed" in result.stdout
    resources = str(venv / "lib") + "/"
    assert "ok      resources" in result.stdout and resources in result.stdout, (
        f"the installed app must find its resources inside its own package:\n{result.stdout}"
    )
    checkout = _run(
        [str(python), "-c", "import maturity_workshop; print(maturity_workshop.__file__)"],
        env=environment,
        cwd=workdir,
    ).stdout
    assert checkout.startswith(str(venv)), f"maturity_workshop came from {checkout}, not the wheel"
    ran = time.monotonic() - installed
    print(f"wheel: venv and pip install {installed - started:.0f} s, self-test {ran:.1f} s")
