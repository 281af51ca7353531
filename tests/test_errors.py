"""A file packet cannot read is reported as a failed read, naming the file.

(A file it cannot write says "cannot write": tests/test_cli.py; a missing
stylesheet of an installed packet: tests/test_install.py.)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from packet.cli import main

from .conftest import REPO

FIXTURE = REPO / "tests" / "fixtures" / "install"


def run_cli(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["packet", *args])
    with pytest.raises(SystemExit) as done:
        main()
    return done.value.code, capsys.readouterr().err


@pytest.fixture
def group(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "group"
    shutil.copytree(FIXTURE, folder)
    monkeypatch.chdir(folder)
    return folder


def test_a_stylesheet_that_cannot_be_read_is_named_as_a_failed_read(group, monkeypatch, capsys):
    sheet = group / "ours.css"
    sheet.write_text("body { color: black; }")
    read_bytes = Path.read_bytes

    def unreadable(path: Path) -> bytes:
        if path.name == "ours.css":  # as root, file modes cannot make it unreadable
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    code, err = run_cli(monkeypatch, capsys, "build", "--offline", "--cache-dir", "cache", "--css", "ours.css")
    assert code == 2
    assert err.strip() == "cannot read ours.css: Permission denied"
    assert not (group / "build" / "week-00-handout.pdf").exists()


def test_a_lock_that_is_a_folder_is_named_as_a_failed_read(group, monkeypatch, capsys):
    (group / "packet.lock").mkdir()
    code, err = run_cli(monkeypatch, capsys, "build", "--offline", "--cache-dir", "cache", "--jobs", "1")
    assert code == 2
    assert err.strip().splitlines()[-1] == f"cannot read {group / 'packet.lock'}: Is a directory"
