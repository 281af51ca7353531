"""Bytes to text: valid UTF-8 wins over a stale declaration, then declarations, then a guess."""

import pytest

from packet.fetch.charset import decode_html

CURLY = "It’s “quoted” — café"


def test_utf8_bytes_win_over_a_stale_meta_charset():
    # A page converted to UTF-8 by a tool that left the old declaration in place.
    body = ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>' + CURLY).encode()
    text = decode_html(body, None)
    assert CURLY in text
    assert "â€" not in text


def test_utf8_bytes_win_over_a_stale_header_charset():
    body = ("<p>" + CURLY).encode()
    assert CURLY in decode_html(body, "text/html; charset=windows-1252")


def test_declared_charset_decides_bytes_that_are_not_utf8():
    body = ('<meta charset="windows-1251"><p>' + "Привет, мир").encode("cp1251")
    assert "Привет, мир" in decode_html(body, None)


def test_header_charset_decides_bytes_that_are_not_utf8():
    body = ("<p>" + CURLY).encode("cp1252")
    assert CURLY in decode_html(body, "text/html; charset=iso-8859-1")


def test_guess_decides_undeclared_bytes_that_are_not_utf8():
    body = "<p>Le café où j’ai lu ce résumé était fermé.</p>".encode("cp1252")
    assert "café où j’ai lu ce résumé" in decode_html(body, None)


@pytest.mark.parametrize(
    "text,codec",
    [("<p>café au lait</p>", "utf-16-le"), ("<p>日本語のテキスト</p>", "iso-2022-jp")],
)
def test_encodings_whose_bytes_pass_as_utf8_follow_their_declaration(text, codec):
    assert text in decode_html(text.encode(codec), f"text/html; charset={codec}")
