"""XML 1.0 text: the characters it cannot carry at all (not even as references) become U+FFFD."""

from __future__ import annotations

import re

# control characters other than tab and line breaks, U+FFFE, U+FFFF and lone surrogates
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def xml_document(data: bytes) -> bytes:
    """A UTF-8 XML document that a writer filled with any text (pyoxigraph writes such characters
    as they are): names and IRIs cannot hold them, so only text changes."""
    text = data.decode("utf-8")
    return data if _NOT_XML.search(text) is None else xml_text(text).encode("utf-8")
