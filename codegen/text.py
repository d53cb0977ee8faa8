"""Spec prose (HTML fragments) to plain docstring text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK = frozenset({"p", "div", "br", "ul", "ol", "table", "tr", "pre", "h1", "h2", "h3", "h4"})
_SPACES = re.compile(r"[ \t\r\f\v]+")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.parts.append("\n- ")
        elif tag in ("td", "th"):
            self.parts.append(" | ")
        elif tag in _BLOCK:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK or tag == "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Readable plain text: paragraphs kept, lists as ``-`` items, other tags dropped."""
    if not fragment:
        return ""
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    lines = [_SPACES.sub(" ", line).strip() for line in html.unescape("".join(parser.parts)).split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def one_line(fragment: str) -> str:
    return " ".join(html_to_text(fragment).split())


def docstring(body: str) -> str:
    """Escape text for use inside a triple-quoted docstring."""
    return body.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').rstrip('"')
