"""Reading a PDF's text back with pypdf, for the PDF's tests. pypdf's spacing is lossy, so text is
compared with white space normalised."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    """Without any white space: pypdf may drop a space or add a line break inside wrapped text."""
    return "".join(text.split())


def contains(haystack: str, needle: str) -> bool:
    return squash(needle) in squash(haystack)
