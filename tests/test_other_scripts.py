"""Readings in scripts packet's fonts do not cover: Chinese and Japanese
articles are read (they have no spaces between words), their reading time
counts characters, and a build on a computer with no font for them says so
instead of printing blank pages."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from packet.extract import extract_article
from packet.render.glyphs import font_warning, unprintable_scripts

# Hand-written stand-in: a Chinese article as a plain blog would serve it.
SENTENCE = "人工智能的安全问题越来越受到研究人员的关注，我们需要认真思考这些系统的目标是否与人类的价值观一致。"
CHINESE_PAGE = (
    "<html lang=zh><head><meta charset=utf-8><title>人工智能安全</title></head><body>"
    "<nav><a href=/>首页</a></nav><article><h1>人工智能安全</h1>"
    f"<p>{SENTENCE * 8}</p><p>{SENTENCE * 8}</p></article></body></html>"
)


def _han(text: str) -> int:
    return sum("\u4e00" <= c <= "\u9fff" for c in text)


def _has_font_for_chinese() -> bool | None:
    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(["fc-list", ":charset=4eba", "family"], capture_output=True, text=True, check=False)
    return bool(listed.stdout.strip())


def test_a_chinese_article_is_read_and_timed_by_its_characters():
    article = extract_article(CHINESE_PAGE, "https://example.cn/ai-safety")
    assert SENTENCE in article.text
    # 16 sentences of Han characters and punctuation, no spaces at all: once
    # "no article text found"; each character is a word of the reading time.
    assert article.word_count == 16 * _han(SENTENCE) == 752


def test_spaced_scripts_still_count_words():
    article = extract_article(
        "<html lang=ru><body><article><h1>Заголовок</h1>" + "<p>Это обычный текст статьи из нескольких слов.</p>" * 5 + "</article></body></html>",
        "https://example.ru/a",
    )
    assert article.word_count == 5 * 7


def test_latin_greek_and_cyrillic_print_with_packets_own_fonts():
    assert unprintable_scripts("Café “quoted” naïve — Ελληνικά, Русский, Українська, Ærø") == {}


def test_text_no_font_prints_is_named_with_the_fix():
    found = _has_font_for_chinese()
    if found is None:
        pytest.skip("fontconfig's fc-list is not installed: the question cannot be asked here")
    warning = font_warning("zh-reading", "人工智能安全 " + SENTENCE)
    if found:
        assert warning is None
    else:
        assert warning == (
            f"zh-reading: {_han('人工智能安全 ' + SENTENCE)} characters of Chinese, Japanese or Korean text that no font on this computer can print; "
            "they would print as blank space. Install a font for them (Debian: apt-get install fonts-noto-cjk) and build again"
        )


def test_print_warns_about_a_chinese_reading_on_a_computer_without_a_font(tmp_path):
    found = _has_font_for_chinese()
    if found is None:
        pytest.skip("fontconfig's fc-list is not installed: the question cannot be asked here")
    page = tmp_path / "zh.html"
    page.write_text(CHINESE_PAGE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "packet", "print", "--offline", "--cache-dir", str(tmp_path / "c"), "-o", str(tmp_path / "zh.pdf"), str(page)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "zh.pdf").stat().st_size > 0
    said = " ".join(result.stderr.split())
    if found:
        assert "no font on this computer" not in said
    else:
        assert "characters of Chinese, Japanese or Korean text that no font on this computer can print" in said
        assert "apt-get install fonts-noto-cjk" in said


def test_word_count_counts_unspaced_characters_and_spaced_words():
    from packet.extract.text import word_count

    assert word_count("Reading groups meet weekly.") == 4
    assert word_count("人工智能 safety 研究。") == 4 + 1 + 2  # punctuation is not a word
    assert word_count("日本語のテキスト") == 8
    assert word_count("안녕하세요 세계") == 2  # Korean has spaces between words


def test_a_curriculum_in_chinese_is_warned_about_too(tmp_path):
    # The group's own title, weeks and questions print on every handout and
    # run-sheet: they went blank with no word when only readings were asked about.
    found = _has_font_for_chinese()
    if found is None:
        pytest.skip("fontconfig's fc-list is not installed: the question cannot be asked here")
    (tmp_path / "curriculum.yaml").write_text(
        "title: 人工智能安全读书会\nweeks:\n  - number: 0\n    title: 第一周\n    agenda:\n"
        "      - {kind: discussion, title: 讨论, minutes: 30, questions: [你怎么看？]}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "packet", "runsheet", "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "c"),
         str(tmp_path / "curriculum.yaml")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    said = " ".join((result.stdout + result.stderr).split())
    if found:
        assert "no font on this computer" not in said
    else:
        assert "curriculum.yaml: 18 characters of Chinese, Japanese or Korean text that no font on this computer can print" in said


def test_a_right_to_left_reading_prints_right_to_left():
    # Hand-written stand-in: an Arabic article (the page's own dir="rtl" is on
    # <html>, which the extractor does not keep; its letters say the direction).
    import io

    import pdfplumber

    from packet.article import Article
    from packet.curriculum import Reading
    from packet.render.direction import text_direction
    from packet.render.handout import render_print
    from packet.render.material import ReadingMaterial
    from packet.render.options import RenderOptions

    sentence = "مشكلة محاذاة الذكاء الاصطناعي هي مجال بحثي مهم جدا وقد ناقشته اللجنة لفترة طويلة. "
    assert text_direction(sentence * 3) == "rtl"
    assert text_direction("An English page quoting one word, " + sentence[:6]) == "ltr"
    html = f"<h2>القسم 1</h2><p>{sentence * 6}</p><p>{sentence}</p><ul><li>البند الأول من القائمة</li></ul>"
    material = ReadingMaterial(
        Reading(id="ar", title="محاذاة الذكاء الاصطناعي", url="https://example.org/ar"), "https://example.org/ar",
        article=Article(url="https://example.org/ar", html=html, text=sentence * 7, word_count=100, lang="ar"),
    )
    rendered = render_print([material], RenderOptions())
    with pdfplumber.open(io.BytesIO(rendered.pdf)) as pdf:
        page = pdf.pages[0]
        arabic = [c for c in page.chars if "\u0600" <= c["text"] <= "\u06ff" and round(c["size"], 1) == 10.5]
        # Printed at all (a font was found), and each line ends at the right margin.
        assert arabic
        lines: dict[int, list] = {}
        for c in arabic:
            lines.setdefault(round(c["top"]), []).append(c)
        *prose, item = [lines[top] for top in sorted(lines)]  # the list's item is the last line
        right_edges = [max(c["x1"] for c in line) for line in prose]
        left_edges = [min(c["x0"] for c in line) for line in prose]
        assert max(right_edges) - min(right_edges) < 3  # flush right, ragged left
        assert max(left_edges) - min(left_edges) > 20
        # The list is indented from the right, where its lines start.
        assert max(c["x1"] for c in item) < min(right_edges) - 8
        # The card's title, in Arabic, sets off from the right too.
        title = [c for c in page.chars if "\u0600" <= c["text"] <= "\u06ff" and c["size"] > 15]
        assert title and abs(max(c["x1"] for c in title) - max(right_edges)) < 3
