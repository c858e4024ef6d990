"""Text from a chain made safe for where goalchain writes it: spreadsheets, Markdown, terminals.

A chain file may come from someone else, and every text in it (titles,
rationales, owners, ids, notes) ends up in outputs that other programs
interpret: a spreadsheet cell starting with ``=`` is a formula, ``<script>``
in Markdown is HTML, ``ESC [`` on a terminal is a control sequence, and a
right-to-left override reorders what follows it. The functions here are pure
string functions at the bottom of the house (no imports of goalchain), used by
the writers in :mod:`goalchain.io`, :mod:`goalchain.report` and the command line.
What each does is documented in ``docs/file-format.md`` ("Safe outputs").
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = [
    "BIDI_CONTROLS",
    "FORMULA_STARTS",
    "csv_cell",
    "csv_uncell",
    "formula_like",
    "html_text",
    "isolate_bidi",
    "json_text",
    "markdown_text",
    "one_line",
    "terminal_text",
]

FORMULA_STARTS: frozenset[str] = frozenset("=+-@\t\r")
"""First characters that make a spreadsheet program read a cell as a formula (OWASP, CWE-1236)."""

BIDI_CONTROLS: frozenset[str] = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
"""The Unicode bidirectional formatting characters: embeddings, overrides, isolates and marks."""

# a text written escaped: any number of quotes, then a character that starts a formula
_ESCAPED = re.compile(r"'*[=+\-@\t\r]")
_UNESCAPE = re.compile(r"'+[=+\-@\t\r]")


def formula_like(value: object) -> bool:
    """Whether *value* is a text that a spreadsheet program would read as a formula.

    Texts starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    (OWASP's list); numbers are never formula-like (a negative number is a number).

    Examples
    --------
    >>> from goalchain._safe_text import formula_like
    >>> formula_like('=HYPERLINK("http://x/?a="&A1)'), formula_like("-5"), formula_like(-5)
    (True, True, False)
    >>> formula_like("Andel behöriga"), formula_like("")
    (False, False)
    """
    return isinstance(value, str) and value[:1] in FORMULA_STARTS


def csv_cell(value: object) -> object:
    """*value* as a CSV cell that no spreadsheet program reads as a formula.

    A text starting with a formula character gets a single quote in front, as
    OWASP recommends (Excel and LibreOffice then show it as text); so does a
    text that already starts with quotes before such a character, so that
    :func:`csv_uncell` gives back exactly what was written. Other values are
    returned as they are.

    Examples
    --------
    >>> from goalchain._safe_text import csv_cell
    >>> csv_cell("=1+1"), csv_cell("@SUM(A1)"), csv_cell("'=x"), csv_cell("Skola"), csv_cell(-5)
    ("'=1+1", "'@SUM(A1)", "''=x", 'Skola', -5)
    """
    if isinstance(value, str) and _ESCAPED.match(value):
        return "'" + value
    return value


def csv_uncell(text: str) -> str:
    """The text :func:`csv_cell` was given: one leading quote before a formula character removed.

    Examples
    --------
    >>> from goalchain._safe_text import csv_uncell
    >>> csv_uncell("'=1+1"), csv_uncell("''=x"), csv_uncell("'quoted'"), csv_uncell("-5")
    ('=1+1', "'=x", "'quoted'", '-5')
    """
    if text.startswith("'") and _UNESCAPE.match(text):
        return text[1:]
    return text


# ------------------------------------------------------------------ terminals


def _terminal_table(newlines: bool) -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):  # C0: shown as the Unicode control pictures, ␛ for ESC
        table[code] = chr(0x2400 + code)
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):  # C1: no pictures; shown as the escape \x9b
        table[code] = f"\\x{code:02x}"
    for char in BIDI_CONTROLS - {"\u200e", "\u200f"}:
        table[ord(char)] = f"\\u{ord(char):04x}"
    for char in "\u2028\u2029":  # line and paragraph separators start a line
        table[ord(char)] = "\u2424"  # ␤
    if newlines:
        del table[0x0A]
    return table


_TERMINAL = _terminal_table(newlines=True)
_TERMINAL_LINE = _terminal_table(newlines=False)
_TERMINAL_LINE[0x0A] = "\u2424"  # ␤: a newline inside one line of output
_TERMINAL_ANY = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_TERMINAL_LINE_ANY = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def terminal_text(text: str, *, newlines: bool = True) -> str:
    """*text* with every control character shown instead of acted on by a terminal.

    C0 controls (ESC, BEL, CR, tab ...) become their Unicode control pictures
    (``␛``, ``␇``, ``␍``, ``␉``), DEL ``␡``, C1 controls the escape ``\\x9b``,
    bidi embeddings, overrides and isolates ``\\u202e``, a line or paragraph
    separator ``␤`` and a lone surrogate (which cannot be encoded) ``\\ud800``.
    A newline is kept when *newlines* (the program's own line breaks), else
    shown as ``␤`` (a newline inside one line of output, such as a title).

    Examples
    --------
    >>> from goalchain._safe_text import terminal_text
    >>> terminal_text("Skola\\x1b[31m röd\\x07")
    'Skola␛[31m röd␇'
    >>> terminal_text("a\\x9bb\\u202ec\\nd"), terminal_text("a\\nb", newlines=False)
    ('a\\\\x9bb\\\\u202ec\\nd', 'a␤b')
    """
    table = _TERMINAL if newlines else _TERMINAL_LINE
    pattern = _TERMINAL_ANY if newlines else _TERMINAL_LINE_ANY
    return pattern.sub(lambda m: table.get(ord(m[0])) or f"\\u{ord(m[0]):04x}", text)


def one_line(text: str) -> str:
    """*text* shown on one line of a terminal: :func:`terminal_text` without newlines.

    Examples
    --------
    >>> from goalchain._safe_text import one_line
    >>> one_line("Trygg\\nskola\\r\\x1b[2J")
    'Trygg␤skola␍␛[2J'
    """
    return terminal_text(text, newlines=False)


_JSON_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) without raw control characters.

    ``json`` escapes C0 controls itself; DEL, C1 controls, line separators,
    bidi embeddings, overrides and isolates and lone surrogates are written as
    ``\\uXXXX`` escapes too (inside JSON they can only be in strings, where
    the escape means the same character), so the text is safe on a terminal
    and still the same JSON.

    Examples
    --------
    >>> import json
    >>> from goalchain._safe_text import json_text
    >>> json_text(json.dumps({"t": "a\\x9b\\u202eb"}, ensure_ascii=False))
    '{"t": "a\\\\u009b\\\\u202eb"}'
    """
    return _JSON_ESCAPE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


# ------------------------------------------------------------------ bidi


_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c"}
_ISOLATES = {"\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}


# the blocks of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan,
# Mandaic, their presentation forms, and the right-to-left blocks of the supplementary
# planes) and the bidi controls: a text without any is left as it is
_MAYBE_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
    "\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _needs_isolation(text: str) -> bool:
    if text.isascii() or _MAYBE_RTL.search(text) is None:
        return False
    return any(ch in BIDI_CONTROLS or unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def isolate_bidi(text: str) -> str:
    """*text* isolated so that its direction cannot reorder what surrounds it.

    A text with a bidi formatting character or a right-to-left letter is
    wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE (U+2068,
    U+2069: what HTML's ``<bdi>`` does, usable in any context), after its own
    embeddings, overrides and isolates are closed and unmatched closers
    dropped. Other texts (all Swedish and English ones) are returned as they are.

    Examples
    --------
    >>> from goalchain._safe_text import isolate_bidi
    >>> isolate_bidi("Trygg skola")
    'Trygg skola'
    >>> isolate_bidi("abc\\u202edef") == "\\u2068abc\\u202edef\\u202c\\u2069"
    True
    """
    if not _needs_isolation(text):
        return text
    out: list[str] = []
    stack: list[str] = []  # the closers owed, innermost last
    for ch in text:
        if ch in _OPENERS or ch in _ISOLATES:
            stack.append(_OPENERS.get(ch) or _ISOLATES[ch])
        elif ch == "\u202c":  # PDF closes the innermost embedding, not an isolate
            if not stack or stack[-1] != "\u202c":
                continue
            stack.pop()
        elif ch == "\u2069":  # PDI closes the innermost isolate and what is open inside it
            if "\u2069" not in stack:
                continue
            while stack.pop() != "\u2069":
                out.append("\u202c")
        out.append(ch)
    out.extend(reversed(stack))
    return "\u2068" + "".join(out) + "\u2069"


def html_text(text: str) -> str:
    """*text* as HTML text or an attribute value: escaped, and its direction isolated.

    :func:`html.escape` (``& < > " '``) of :func:`isolate_bidi`: usable in any
    element (``<title>``, ``<td>``, SVG ``<desc>``) and in a quoted attribute.

    Examples
    --------
    >>> from goalchain._safe_text import html_text
    >>> html_text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> html_text("a\u202eb") == "\u2068a\u202eb\u202c\u2069"
    True
    """
    return html.escape(isolate_bidi(text))


# ------------------------------------------------------------------ Markdown

# markup inside a line; "_" only where it could open or close emphasis (not in "q_energi")
_MD_SPECIAL = re.compile(r"[\\`*\[\]#|~]")
_MD_UNDERSCORE = re.compile(r"_(?![^\W_])|(?<![^\W_])_")
# a line break (written as a space) or another control character (dropped)
_MD_BREAK = re.compile(r"(\r\n|[\r\n\x0b\x0c\x85\u2028\u2029])|[\x00-\x1f\x7f-\x9f]")


def markdown_text(text: str) -> str:
    """*text* as inline Markdown that is read as the same text: no HTML, no structure.

    ``&``, ``<`` and ``>`` become character references (no raw HTML such as
    ``<script>`` or ``<img onerror>``), the characters Markdown reads as markup
    inside a line (``\\ ` * _ [ ] # | ~``: emphasis, code, links and images,
    a heading's closing ``#``, table cells; ``_`` between two letters or digits,
    as in an id ``q_energi``, is no markup and stays) are escaped with a backslash, every
    line break becomes a space (so a text never starts a new paragraph,
    heading, list or table row), other control characters are dropped, and
    right-to-left text is isolated (:func:`isolate_bidi`).

    Examples
    --------
    >>> from goalchain._safe_text import markdown_text
    >>> markdown_text("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    >>> markdown_text("Bra\\n\\n# Rubrik | *fet*")
    'Bra  \\\\# Rubrik \\\\| \\\\*fet\\\\*'
    """
    text = _MD_BREAK.sub(lambda m: " " if m[1] else "", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(lambda m: "\\" + m[0], text)
    if "_" in text:
        text = _MD_UNDERSCORE.sub(r"\\_", text)
    return isolate_bidi(text)
