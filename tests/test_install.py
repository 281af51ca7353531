"""packet as a user installs it: from its wheel, away from this checkout.

The wheel is built the way a release is (`python -m build`: the sdist
first, the wheel from the sdist), unpacked into a folder of its own and run
from there with the repository out of reach. It must print a local page,
build a curriculum offline and make run-sheets with its own stylesheets and
fonts. `.ci/run` does the same in a fresh venv that installs the wheel and
its dependencies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import REPO

FIXTURE = REPO / "tests" / "fixtures" / "install"
pytest.importorskip("build", reason="the test extras bring `build`")


def _package_data() -> list[str]:
    """Every file of the package that is not Python: what the wheel must carry."""
    package = REPO / "packet"
    return sorted(
        str(path.relative_to(REPO))
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """sdist and wheel, built from a copy of the sources (the build writes
    egg-info beside them, which must not land in the checkout)."""
    root = tmp_path_factory.mktemp("dist")
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "packet", source / "packet", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(root / "out"), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return root / "out"


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> Path:
    """The wheel unpacked as pip would place it in site-packages."""
    site = tmp_path_factory.mktemp("site")
    (wheel,) = dist.glob("packet-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    # PYTHONPATH holds only the unpacked wheel: the checkout is not importable
    # from here (the dependencies come from the interpreter's environment).
    env = dict(os.environ, PYTHONPATH=str(site), COLUMNS="200")
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def pdf_text(path: Path) -> str:
    return " ".join("".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def pdf_fonts(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            names.add(str(font.get_object().get("/BaseFont", "")).split("+")[-1])
    return names


@pytest.fixture
def workdir(tmp_path) -> Path:
    work = tmp_path / "group"
    shutil.copytree(FIXTURE, work)
    return work


def test_wheel_and_sdist_carry_styles_fonts_templates_and_schema(dist):
    expected = _package_data()
    assert {"packet/styles/handout.css", "packet/styles/runsheet.css", "packet/curriculum.schema.json",
            "packet/templates/handout.html.j2"} <= set(expected)
    assert any(name.startswith("packet/styles/fonts/") and name.endswith((".ttf", ".otf")) for name in expected)
    (wheel,) = dist.glob("packet-*.whl")
    (sdist,) = dist.glob("packet-*.tar.gz")
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    with tarfile.open(sdist) as archive:
        in_sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert [name for name in expected if name not in in_wheel] == []
    assert [name for name in expected if name not in in_sdist] == []


def test_installed_wheel_runs_from_its_own_folder(installed, workdir):
    done = run_installed(installed, workdir, "-c", "import packet; print(packet.__file__)")
    assert Path(done.stdout.strip()).is_relative_to(installed), done.stdout + done.stderr


def test_installed_wheel_prints_a_local_page_with_its_own_fonts(installed, workdir):
    done = run_installed(installed, workdir, "-m", "packet", "print", "why-print.html", "-o", "printed.pdf")
    assert done.returncode == 0, done.stderr
    text = pdf_text(workdir / "printed.pdf")
    assert "Margins are for arguing" in text and "https://example.org/margins" in text
    assert "Archive" not in text
    assert {"Packet-Serif", "Packet-Sans"} <= pdf_fonts(workdir / "printed.pdf")


def test_installed_wheel_builds_offline_and_makes_runsheets(installed, workdir):
    built = run_installed(installed, workdir, "-m", "packet", "build", "--offline", "--cache-dir", "cache")
    assert built.returncode == 0, built.stderr
    handout = pdf_text(workdir / "build" / "week-00-handout.pdf")
    assert "What do margins do for a reader?" in handout
    assert "Margins are for arguing" in handout and "What to bring" in handout
    assert "Facilitator only." not in handout
    assert (workdir / "packet.lock").is_file()

    shutil.rmtree(workdir / "build")
    sheets = run_installed(installed, workdir, "-m", "packet", "runsheet")
    assert sheets.returncode == 0, sheets.stderr
    runsheet = pdf_text(workdir / "build" / "week-00-runsheet.pdf")
    assert "Facilitator only." in runsheet and "18:00" in runsheet
    assert not (workdir / "build" / "week-00-handout.pdf").exists()


def test_a_missing_stylesheet_is_reported_as_a_failed_read_naming_it(installed, workdir, tmp_path):
    damaged = tmp_path / "damaged-site"
    shutil.copytree(installed, damaged)
    stylesheet = damaged / "packet" / "styles" / "handout.css"
    stylesheet.unlink()
    done = run_installed(damaged, workdir, "-m", "packet", "print", "why-print.html", "-o", "printed.pdf")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == f"cannot read {stylesheet}: No such file or directory"
    assert "Traceback" not in done.stderr
    assert not (workdir / "printed.pdf").exists()
