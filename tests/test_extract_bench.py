"""The extraction bench: its scorer follows the Zyte rules, and its smoke run
works on the shared corpora (skipped when they are absent)."""

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import extraction  # noqa: E402

SHARED = REPO.parent / "shared" / "corpus"
ARTICLE = "The harbour town opened its lighthouse museum on Saturday after eleven years of fundraising."


def test_a_failed_extraction_never_scores_well():
    precision, recall, _ = extraction._page_scores(ARTICLE, "")
    assert precision is None and recall == 0.0
    scores = extraction.aggregate([extraction._page_scores(ARTICLE, ""), extraction._page_scores(ARTICLE, ARTICLE)])
    assert scores["recall"] == 0.5 and scores["precision"] == 1.0


def test_a_short_expected_text_is_one_shorter_shingle():
    # Fewer than four words: a miss scores 0, not a perfect score on empty 4-gram sets.
    assert extraction._page_scores("Hello world", "Something else entirely here")[:2] == (0.0, 0.0)
    assert extraction._page_scores("Hello world", "Hello world")[:2] == (1.0, 1.0)


def _results(extractor: str, scores: list[tuple[float, float]]) -> list:
    return [extraction.Result("zyte", f"p{i}", extractor, p, r, 0.0, 0.0) for i, (p, r) in enumerate(scores)]


def test_a_lead_within_the_noise_is_not_called_a_lead():
    # packet a little ahead on one page of twenty, behind on another: the
    # bootstrap says how often it is ahead, and the ± dwarfs the mean lead.
    other = [(0.9, 0.9)] * 20
    mine = [(0.9, 0.9)] * 18 + [(1.0, 1.0), (0.85, 0.85)]
    lines = extraction.bootstrap_lines(_results("packet", mine) + _results("trafilatura", other), ("packet", "trafilatura"), 200)
    lead = re.search(r"vs trafilatura ([+-]\d\.\d{3}) ± (\d\.\d{3}) \((\d+)%\)", lines[1])
    assert lead, lines
    assert abs(float(lead[1])) < float(lead[2]) and 20 < int(lead[3]) < 80


def test_a_lead_on_every_page_is_ahead_in_every_resample():
    lines = extraction.bootstrap_lines(
        _results("packet", [(0.99, 0.98)] * 30) + _results("trafilatura", [(0.90, 0.95)] * 30), ("packet", "trafilatura"), 100
    )
    assert "packet 0.985 ± 0.000" in lines[1] and "(100%)" in lines[1], lines


@pytest.mark.skipif(not (SHARED / "extraction-dev" / "evaluate.py").is_file(), reason="shared corpus not present")
def test_the_fallback_metric_agrees_with_the_zyte_evaluate_py():
    pairs = [
        (ARTICLE, ""), ("", ARTICLE), ("Hello world", "Hello"), (ARTICLE, ARTICLE + " Share this!"),
        ("Ça va? Très bien, merci", "ça va très bien"), (ARTICLE * 3, ARTICLE),
    ]
    for truth, prediction in pairs:
        assert extraction._page_scores(truth, prediction) == extraction.page_scores(truth, prediction)


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason="shared corpus not present")
def test_bench_smoke_scores_every_corpus_and_extractor():
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "extraction.py"), "--smoke"],
        capture_output=True, text=True, timeout=300, check=True,
    )
    out = result.stdout
    for row in ("readability corpus", "dev dragnet", "dev l3s-gn1", "dev all", "tune all", "check all"):
        assert re.search(rf"^  {row} ", out, re.M), out
    packet_f1 = [float(m) for m in re.findall(r"^  (?:readability corpus|dev all) +\d+  (\d\.\d{3})", out, re.M)]
    assert len(packet_f1) == 2 and min(packet_f1) >= 0.85, out
    assert re.search(r"packet / trafilatura: \d+\.\d\dx", out), out
    assert re.search(r"^  dev all +packet 0\.\d{3} ± 0\.\d{3}; .*vs trafilatura [+-]0\.\d{3} ± ", out, re.M), out
    assert "title   agrees with expected-metadata.json" in out


def test_bench_scores_a_directory_in_the_zyte_layout(tmp_path, capsys):
    # Hand-written stand-in for a benchmark directory: two pages, one of them
    # a menu with no article, so a failure has to show in the figures.
    corpus = tmp_path / "tiny-benchmark"
    (corpus / "html").mkdir(parents=True)
    body = " ".join([ARTICLE] * 8)
    pages = {
        "good": f"<html><body><nav><a href='/'>Home</a></nav><article><h1>Lighthouse</h1><p>{body}</p></article></body></html>",
        "empty": "<html><body><script>render()</script><div id='app'></div></body></html>",
    }
    for pid, html in pages.items():
        (corpus / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(html.encode()))
    truth = {pid: {"articleBody": body, "url": f"https://example.org/{pid}"} for pid in pages}
    (corpus / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    assert extraction.main(["--zyte-dir", str(corpus), "--extractor", "packet", "--save", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^  tiny-benchmark +2  0\.667  1\.000  0\.500", out, re.M), out
    assert "1 refused" in out
    saved = json.loads((tmp_path / "out" / "packet-tiny-benchmark.json").read_text(encoding="utf-8"))
    assert set(saved) == {"good", "empty"} and saved["empty"] == {"articleBody": ""}
