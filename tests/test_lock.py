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
import shutil
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

from packet.errors import LockError
from packet.fetch.cache import Cache
from packet.lock import read_lock

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
        #: GET paths in the order they arrived (the server's own log is
        #: written only once an answer is sent).
        self.arrived: list[str] = []
        self.server.expect_request(re.compile(".*")).respond_with_handler(self._answer)

    def _answer(self, request: Request) -> Response:
        if request.method == "GET":
            self.arrived.append(request.path)
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
        return self.arrived.count(path)


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


# ---------- nothing half-written ----------


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.pdf"))}


def wait_for(condition, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline, "the build never reached the point to interrupt it"
        time.sleep(0.005)


def start_build(folder: Path, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-m", "packet", *BUILD, *extra], cwd=folder, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def assert_whole(out: Path, before: dict[str, bytes], *, unchanged: bool) -> None:
    """Every PDF the first build wrote is still there and complete; with
    `unchanged`, byte for byte the same."""
    now = outputs(out)
    assert set(now) == set(before), "a temporary file was left with a .pdf name"
    for name, data in now.items():
        if unchanged or data == before[name]:
            assert data == before[name]
        else:
            assert data.rstrip().endswith(b"%%EOF"), f"{name} is cut short"
        assert len(PdfReader(out / name).pages) >= 1
    json.loads((out / ".packet-build.json").read_text())


@pytest.mark.slow
def test_killed_builds_leave_every_previous_pdf_whole_and_a_damaged_cache_entry_is_refetched(tmp_path):
    site = Site()
    site.server.start()
    try:
        for rid in ("alpha", "beta", "delta"):
            site.serve(f"/{rid}", page(f"{rid.capitalize()} reading", TEXTS[rid]))
        curriculum = tmp_path / "curriculum.yaml"
        curriculum.write_text(curriculum_yaml(site, ["alpha", "beta"], weeks=2))
        first = packet(*BUILD, cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        out = tmp_path / "out"
        before = outputs(out)
        assert {"week-00-handout.pdf", "week-01-handout.pdf", "handouts.pdf", "runsheet.pdf"} <= set(before)
        pages = {name: len(PdfReader(out / name).pages) for name in before}

        # Killed while a slow site is still sending a new reading: nothing written yet.
        site.delay["/delta"] = 60
        curriculum.write_text(curriculum_yaml(site, ["alpha", "delta", "beta"], weeks=2))
        build = start_build(tmp_path)
        wait_for(lambda: site.gets("/delta") == 1, build)
        kill(build)
        assert_whole(out, before, unchanged=True)

        # Killed the moment it starts replacing outputs.
        site.delay["/delta"] = 0
        build = start_build(tmp_path)
        wait_for(lambda: any(p.name.endswith(".tmp") or p.stat().st_mtime_ns > (out / "report.json").stat().st_mtime_ns
                             for p in out.iterdir() if p.name != "report.json"), build)
        kill(build)
        assert_whole(out, before, unchanged=False)
        for name in before:
            if (out / name).read_bytes() == before[name]:
                assert len(PdfReader(out / name).pages) == pages[name]

        # A cached body cut short is noticed and fetched again.
        body = Cache(tmp_path / "cache" / "http").body_path(site.url("/alpha"), "reading")
        body.write_bytes(body.read_bytes()[:100])
        asked = site.gets("/alpha")
        last = packet(*BUILD, cwd=tmp_path)
        assert last.returncode == 0, last.stderr
        assert site.gets("/alpha") == asked + 1
        assert "Read: Delta reading" in pdf_text(out / "week-00-handout.pdf")
        assert not [p.name for p in out.glob("*.pdf") if p.name not in before]
    finally:
        site.server.stop()


# ---------- a damaged packet.lock ----------

INSTALL_FIXTURE = REPO / "tests" / "fixtures" / "install"
OFFLINE = ("build", "--offline", "--cache-dir", "cache", "-o", "out", "--jobs", "1")
CONFLICTED = """# packet.lock: what `packet build` printed, reading by reading.
readings:
<<<<<<< HEAD
  why-print:
    url: why-print.html
=======
  why-print:
    url: elsewhere.html
>>>>>>> spring
"""


@pytest.fixture(scope="module")
def built_group(tmp_path_factory) -> Path:
    """A curriculum of local files, built once so packet.lock exists; tests
    change only their own copy of it (`local_group`)."""
    folder = tmp_path_factory.mktemp("built") / "group"
    shutil.copytree(INSTALL_FIXTURE, folder)
    first = packet(*OFFLINE, cwd=folder)
    assert first.returncode == 0, first.stderr
    return folder


@pytest.fixture
def local_group(built_group, tmp_path) -> Path:
    """A copy of the built group (curriculum, outputs, cache and lock)."""
    return Path(shutil.copytree(built_group, tmp_path / "group"))


def warnings_of(done: subprocess.CompletedProcess) -> list[str]:
    return [" ".join(line.split()) for line in re.findall(r"^warning: (.+(?:\n  .+)*)", done.stderr, flags=re.M)]


def test_damaged_lock_is_reported_kept_as_a_backup_and_a_new_one_written(local_group):
    lock = local_group / "packet.lock"
    lock.write_text(CONFLICTED)
    done = packet(*OFFLINE, cwd=local_group)
    assert done.returncode == 0, done.stderr
    today = datetime.now().date().isoformat()
    backup = local_group / f"packet.lock.damaged-{today}"
    assert warnings_of(done) == [
        f"packet.lock was damaged (line 3: an unresolved merge conflict); kept as {backup.name}, and a new "
        + "packet.lock records this build"
    ]
    assert backup.read_text() == CONFLICTED
    assert sorted(load_lock(local_group)["readings"]) == ["meeting-notes", "why-print"]


def test_a_second_damaged_lock_the_same_day_does_not_overwrite_the_first_backup(local_group):
    lock = local_group / "packet.lock"
    today = datetime.now().date().isoformat()
    lock.write_text("readings:\n  why-print: {url: why-print.html\n")
    packet(*OFFLINE, cwd=local_group)
    lock.write_text("readings:\n  why-print: just a string\n")
    done = packet(*OFFLINE, cwd=local_group)
    assert "the entry of why-print is not a mapping" in warnings_of(done)[0]
    assert (local_group / f"packet.lock.damaged-{today}").read_text() == "readings:\n  why-print: {url: why-print.html\n"
    assert (local_group / f"packet.lock.damaged-{today}-2").read_text() == "readings:\n  why-print: just a string\n"
    assert "why-print" in load_lock(local_group)["readings"]


def test_frozen_build_with_a_damaged_lock_fails_naming_it_and_leaves_it_alone(local_group):
    lock = local_group / "packet.lock"
    lock.write_text("readings:\n  why-print:\n    url: [unclosed\n")
    done = packet("build", "--frozen", "--cache-dir", "cache", "-o", "frozen", cwd=local_group)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert lines[0].startswith("--frozen: packet.lock is damaged (line 4, column 1: ")
    assert lock.read_text() == "readings:\n  why-print:\n    url: [unclosed\n"
    assert not list(local_group.glob("packet.lock.damaged-*"))
    assert not (local_group / "frozen" / "week-00-handout.pdf").exists()


def test_damaged_lock_is_left_alone_when_the_build_fetched_nothing(local_group):
    lock = local_group / "packet.lock"
    lock.write_text("- not\n- a lock\n")
    curriculum = local_group / "curriculum.yaml"
    curriculum.write_text(curriculum.read_text().replace("path: why-print.html", "url: https://example.org/never-cached")
                          .replace("path: meeting-notes.md", "url: https://example.org/never-cached-either"))
    done = packet(*OFFLINE, cwd=local_group)
    assert done.returncode == 1
    assert warnings_of(done) == ["packet.lock is damaged (no `readings:` in it); left as it is, since nothing was fetched"]
    assert lock.read_text() == "- not\n- a lock\n"
    assert not list(local_group.glob("packet.lock.damaged-*"))


SHA = "ab" * 32


@pytest.mark.parametrize(
    "lock, damage",
    [
        ("readings:\n  1: {url: why-print.html}\n", "reading id 1 is not text"),
        ("readings:\n  ? [why, print]\n  : {url: why-print.html}\n", "reading id ('why', 'print') is not text"),
        (f"readings:\n  why-print: {{url: why-print.html, body_sha256: [{SHA}]}}\n",
         "the entry of why-print: body_sha256 is not a SHA-256 hash (64 hex digits)"),
        ("readings:\n  why-print: {url: why-print.html, body_sha256: ../../../etc}\n",
         "the entry of why-print: body_sha256 is not a SHA-256 hash (64 hex digits)"),
        (f"readings:\n  why-print: {{url: why-print.html, text_sha256: {SHA[:40]}}}\n",
         "the entry of why-print: text_sha256 is not a SHA-256 hash (64 hex digits)"),
        ("readings:\n  why-print: {url: [why-print.html]}\n", "the entry of why-print: url is not text"),
        ("readings:\n  why-print: {url: why-print.html, words: lots}\n", "the entry of why-print: words is not a whole number"),
        ("readings:\n  why-print: {url: why-print.html, pages: true}\n", "the entry of why-print: pages is not a whole number"),
        ("readings:\n  why-print: {url: why-print.html, fetched_at: {when: today}}\n", "the entry of why-print: fetched_at is not a date"),
        ("readings:\n  why-print: {7: why-print.html}\n", "the entry of why-print: 7 is not a field name"),
    ],
)
def test_lock_entries_of_the_wrong_shape_are_damage_not_a_crash(tmp_path, lock, damage):
    (tmp_path / "packet.lock").write_text(lock)
    with pytest.raises(LockError) as raised:
        read_lock(tmp_path / "packet.lock")
    assert raised.value.reason == damage


def test_build_keeps_a_lock_with_a_list_for_a_hash_aside_and_writes_a_new_one(local_group):
    lock = f"readings:\n  why-print: {{url: why-print.html, body_sha256: [{SHA}]}}\n"
    (local_group / "packet.lock").write_text(lock)
    done = packet(*OFFLINE, cwd=local_group)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    backup = local_group / f"packet.lock.damaged-{datetime.now().date().isoformat()}"
    assert warnings_of(done) == [
        "packet.lock was damaged (the entry of why-print: body_sha256 is not a SHA-256 hash (64 hex digits)); "
        f"kept as {backup.name}, and a new packet.lock records this build"
    ]
    assert backup.read_text() == lock
    assert sorted(load_lock(local_group)["readings"]) == ["meeting-notes", "why-print"]


def test_frozen_build_refuses_a_lock_hash_that_is_a_path_in_one_line(local_group):
    lock = local_group / "packet.lock"
    text = re.sub(r"body_sha256: [0-9a-f]{64}", "body_sha256: ../../../../etc", lock.read_text(), count=1)
    lock.write_text(text)
    done = packet("build", "--frozen", "--cache-dir", "cache", "-o", "frozen", cwd=local_group)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "--frozen: packet.lock is damaged (the entry of meeting-notes: body_sha256 is not a SHA-256 hash (64 hex digits)); "
        "it is left as it is"
    ]
    assert lock.read_text() == text
