"""Shared test helpers: the repository root and the shared corpus (optional)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def shared_corpus() -> Path:
    corpus = SHARED / "corpus" / "readability-test-pages"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not here (a user's fresh clone)")
    return corpus
