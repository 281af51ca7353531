"""packet.lock and builds that never leave anything half-written.

A small curriculum is built with the real command line against a loopback
site, the site then changes (a page moves, one is edited, one dies, a
reading is added), and the next build must say so; `--frozen` must print
exactly what the lock recorded. A build killed halfway must leave the
previous PDFs whole, and a damaged cache entry must be fetched again.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytest_httpserver import HTTPServer
from ruamel.yaml import YAML
from werkzeug import Request, Response

from packet.build import BuildOptions, build
from packet.fetch import FetchOptions
from packet.fetch.cache import Cache

REPO = Path(__file__).resolve().parents[1]
VOCABULARY = (
    "oversight reward model policy agent goal training data evaluation honest deceptive capable "
    "system human feedback proxy objective generalise environment behaviour researcher argument "
    "interpretability robustness benchmark compute scaling risk failure safety alignment value"
).split()


def words(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(count)]


def page(title: str, text: list[str]) -> bytes:
    paragraphs = "".join(f"<p>{' '.join(text[i:i + 60])}.</p>" for i in range(0, len(text), 60))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><main><article><h1>{title}</h1>{paragraphs}"
            f"</article></main></body></html>").encode()


def edited(text: list[str], share: float) -> list[str]:
    """`text` with every 1/share-th word replaced by a word it never used."""
    step = round(1 / share)
    return [f"edited{i}" if i % step == 0 else word for i, word in enumerate(text)]


class Site:
    """A loopback site whose pages a test can change between builds."""

    def __init__(self) -> None:
        self.server = HTTPServer(host="127.0.0.1", threaded=True)
        self.pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.delay: dict[str, float] = {}
        self.server.expect_request(re.compile(".*")).respond_with_handler(self._answer)

    def _answer(self, request: Request) -> Response:
        time.sleep(self.delay.get(request.path, 0))
        status, headers, body = self.pages.get(request.path, (404, {}, b"<h1>Not Found</h1>"))
        return Response(body, status=status, headers={"Content-Type": "text/html; charset=utf-8", **headers})

    def serve(self, path: str, body: bytes) -> None:
        self.pages[path] = (200, {}, body)

    def redirect(self, path: str, target: str, status: int = 301) -> None:
        self.pages[path] = (status, {"Location": target}, b"")

    def remove(self, path: str) -> None:
        self.pages.pop(path, None)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.port}{path}"

    def gets(self, path: str) -> int:
        return sum(1 for request, _ in self.server.log if request.method == "GET" and request.path == path)


def curriculum_yaml(site: Site, readings: list[str], weeks: int = 1) -> str:
    lines = ["title: Lock group", "readings:"]
    for rid in readings:
        lines += [f"  - id: {rid}", f"    title: {rid.capitalize()} reading", f"    url: {site.url('/' + rid)}"]
    lines.append("weeks:")
    per_week = -(-len(readings) // weeks)
    for number in range(weeks):
        chosen = readings[number * per_week:(number + 1) * per_week]
        lines += [f"  - number: {number}", f"    title: Week {number}", "    agenda:",
                  "      - kind: reading", f"        readings: [{', '.join(chosen)}]"]
    return "\n".join(lines) + "\n"


def packet(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), COLUMNS="300")
    return subprocess.run([sys.executable, "-m", "packet", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def pdf_text(path: Path) -> str:
    return " ".join("".join(p.extract_text() or "" for p in PdfReader(path).pages).split())


def load_lock(folder: Path) -> dict:
    return YAML(typ="safe").load((folder / "packet.lock").read_text())


# ---------- packet.lock across a site that changes ----------

TEXTS = {rid: words(seed, 400) for seed, rid in enumerate(["alpha", "beta", "delta", "gamma"])}
BUILD = ("build", "--cache-dir", "cache", "-o", "out", "--jobs", "1")


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """Build, change the site, build --frozen, then build --refresh; every
    step's result, for the tests below to inspect."""
    folder = tmp_path_factory.mktemp("lock")
    site = Site()
    site.server.start()
    for rid in ("alpha", "beta", "gamma"):
        site.serve(f"/{rid}", page(f"{rid.capitalize()} reading", TEXTS[rid]))
    (folder / "curriculum.yaml").write_text(curriculum_yaml(site, ["alpha", "beta", "gamma"]))
    steps = {"first": packet(*BUILD, cwd=folder)}
    steps["first_lock"] = load_lock(folder)
    steps["first_lock_text"] = (folder / "packet.lock").read_text()

    # The site changes: alpha moves, beta is edited, gamma dies.
    site.redirect("/alpha", site.url("/new/alpha"))
    site.serve("/new/alpha", page("Alpha reading", TEXTS["alpha"]))
    site.serve("/beta", page("Beta reading", edited(TEXTS["beta"], 0.2)))
    site.remove("/gamma")

    steps["frozen"] = packet("build", "--cache-dir", "cache", "-o", "frozen", "--frozen", cwd=folder)
    steps["frozen_fresh_cache"] = packet("build", "--cache-dir", "empty-cache", "-o", "frozen2", "--frozen", cwd=folder)
    steps["lock_after_frozen"] = (folder / "packet.lock").read_text()

    site.serve("/delta", page("Delta reading", TEXTS["delta"]))
    (folder / "curriculum.yaml").write_text(curriculum_yaml(site, ["alpha", "beta", "delta", "gamma"]))
    steps["second"] = packet(*BUILD, "--refresh", cwd=folder)
    steps["second_lock"] = load_lock(folder)
    steps["folder"] = folder
    steps["site"] = site
    yield steps
    site.server.stop()


def test_first_build_writes_packet_lock_next_to_the_curriculum(history):
    assert history["first"].returncode == 0, history["first"].stderr
    lock = history["first_lock"]["readings"]
    assert list(lock) == ["alpha", "beta", "gamma"]
    site = history["site"]
    for rid, entry in lock.items():
        assert entry["url"] == site.url(f"/{rid}")
        assert entry["final_url"] == site.url(f"/{rid}")
        assert datetime.fromisoformat(entry["fetched_at"]) <= datetime.now(timezone.utc)
        assert re.fullmatch(r"[0-9a-f]{64}", entry["text_sha256"])
        assert 380 <= entry["words"] <= 420
        assert entry["pages"] >= 1


def test_lock_is_plain_yaml_sorted_by_reading_id(history):
    text = history["first_lock_text"]
    assert text.startswith("# packet.lock")
    positions = [text.index(f"  {rid}:") for rid in ("alpha", "beta", "gamma")]
    assert positions == sorted(positions)


def change_lines(done: subprocess.CompletedProcess) -> dict[str, str]:
    output = done.stdout + done.stderr
    assert "Changed since packet.lock:" in output, output
    block = output.split("Changed since packet.lock:", 1)[1]
    return dict(re.findall(r"^\s+([a-z0-9-]+): (.+)$", block, flags=re.M))


def test_second_build_says_which_page_moved(history):
    changes = change_lines(history["second"])
    assert changes["alpha"] == f"moved (301 to {history['site'].url('/new/alpha')})"
    assert history["second_lock"]["readings"]["alpha"]["final_url"] == history["site"].url("/new/alpha")


def test_second_build_says_how_much_of_an_edited_text_changed(history):
    changes = change_lines(history["second"])
    share = int(re.fullmatch(r"text changed: about (\d+)% of words differ", changes["beta"]).group(1))
    assert 15 <= share <= 25
    assert "alpha" not in changes or "text changed" not in changes["alpha"]


def test_second_build_says_since_when_a_page_is_dead(history):
    changes = change_lines(history["second"])
    today = datetime.now(timezone.utc).date().isoformat()
    assert changes["gamma"] == f"dead since {today} (404)"
    assert history["second_lock"]["readings"]["gamma"]["dead_since"] == today


def test_second_build_names_the_new_reading(history):
    changes = change_lines(history["second"])
    assert changes["delta"] == "new reading"
    assert list(history["second_lock"]["readings"]) == ["alpha", "beta", "delta", "gamma"]


def test_frozen_build_prints_the_locked_text_after_the_site_changed(history):
    done = history["frozen"]
    assert done.returncode == 0, done.stderr
    text = pdf_text(history["folder"] / "frozen" / "week-00-handout.pdf")
    original = " ".join(TEXTS["beta"][:30])
    assert original in text
    assert "edited0" not in text
    assert "Gamma reading" in text and "could not be printed" not in text


def test_frozen_build_leaves_the_lock_alone(history):
    assert history["lock_after_frozen"] == history["first_lock_text"]


def test_frozen_build_without_the_locked_content_fails_naming_the_reading(history):
    done = history["frozen_fresh_cache"]
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("--frozen:") and "alpha" in lines[0]
    assert "Traceback" not in done.stderr
    assert not (history["folder"] / "frozen2" / "week-00-handout.pdf").exists()
