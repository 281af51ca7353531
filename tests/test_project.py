"""The project's promises to a new user: the README's commands are the ones CI runs."""

from __future__ import annotations

import re

from .conftest import REPO


def _readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Set up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_exactly_two_setup_commands():
    commands = _readme_commands()
    assert len(commands) == 2
    assert "packet build" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text().splitlines()
    assert _readme_commands()[1] in ci


def _apt_packages(text: str) -> list[str]:
    (line,) = re.findall(r"apt-get install ((?:[a-z0-9][a-z0-9.+-]* ?)+)", text)
    return line.split()


def test_ci_installs_the_system_packages_the_readme_names():
    readme = (REPO / "README.md").read_text().split("## Set up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    ci = (REPO / ".ci" / "run").read_text()
    assert "libpango-1.0-0" in _apt_packages(readme)
    assert _apt_packages(ci) == _apt_packages(readme)
