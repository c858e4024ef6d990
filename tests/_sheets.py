"""Small ``.xlsx`` files built by hand, for the untrusted-input tests (issue 14).

A workbook is a zip archive of XML parts. These helpers write the archive
byte by byte, so that a test can make a part that inflates a thousandfold
(a zip bomb) in milliseconds, declare sizes that lie, or write any cell it
likes, while the files stay a few kB on disk.

:func:`bomb_stream` deflates ``head + block * count + tail`` without ever
holding or compressing the whole: the block is compressed once after a full
flush, which resets the compressor, so its bytes repeat exactly. The checksum
of a part above 256 MB is left 0 (computing it over 1.5 GB takes a second); no
reader gets to the end of it, and one that did would report the bad checksum.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

__all__ = [
    "Part",
    "bomb_stream",
    "cells_xml",
    "deflated",
    "rows_bomb",
    "shared_string_bomb",
    "workbook",
    "zip_archive",
]

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


class Part(NamedTuple):
    """One member of a zip archive, already deflated (method 8) or stored (method 0)."""

    name: str
    data: bytes  # what the archive holds
    crc: int
    size: int  # the size inflated
    method: int = 8
    declared: int | None = None  # the size the archive declares, when it lies


def deflated(name: str, text: str | bytes) -> Part:
    """A part deflated the ordinary way."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Part(name, packer.compress(raw) + packer.flush(), zlib.crc32(raw), len(raw))


def bomb_stream(name: str, head: bytes, block: bytes, count: int, tail: bytes) -> Part:
    """A part of ``head + block * count + tail``, deflated in milliseconds (checksum 0)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    once_more = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    assert again == once_more, "a full flush should make the compressed block repeat"
    last = packer.compress(tail) + packer.flush()
    stream = first + again * count + last
    size = len(head) + len(block) * count + len(tail)
    crc = 0
    if size <= 256 << 20:
        crc = zlib.crc32(head)
        for _ in range(count):
            crc = zlib.crc32(block, crc)
        crc = zlib.crc32(tail, crc)
    return Part(name, stream, crc, size)


def zip_archive(parts: Sequence[Part]) -> bytes:
    """The bytes of a zip archive of *parts* (no ZIP64: each part below 4 GB)."""
    out = bytearray()
    central = bytearray()
    for part in parts:
        name = part.name.encode("utf-8")
        size = part.size if part.declared is None else part.declared
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            0,
            part.method,
            0,
            0x21,
            part.crc,
            len(part.data),
            size,
            len(name),
            0,
        )
        out += name + part.data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            part.method,
            0,
            0x21,
            part.crc,
            len(part.data),
            size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += name
    start = len(out)
    out += central
    entries = min(len(parts), 0xFFFF)  # more: ZIP64 would say how many (not written here)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries, entries, len(central), start, 0)
    return bytes(out)


def _cell(ref: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = escape(str(value))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def cells_xml(rows: Sequence[Sequence[Any]]) -> str:
    """The ``<sheetData>`` of *rows* (text inline, numbers and booleans as such)."""
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{_letters(c)}{r}", v) for c, v in enumerate(row, start=1))
        body.append(f'<row r="{r}">{cells}</row>')
    return "<sheetData>" + "".join(body) + "</sheetData>"


def workbook(
    sheet: str | Part | None = None,
    *,
    rows: Sequence[Sequence[Any]] = (),
    shared: Sequence[str] | Part | None = None,
    name: str = "Blad1",
) -> bytes:
    """A workbook of one sheet: *sheet* (the ``<sheetData>`` XML, or a ready part) or *rows*.

    *shared* gives shared strings (``t="s"`` cells index them), as texts or a
    ready part (a bomb).
    """
    overrides = [
        ("/xl/workbook.xml", f"{_CT}.sheet.main+xml"),
        ("/xl/worksheets/sheet1.xml", f"{_CT}.worksheet+xml"),
    ]
    relations = [("rId1", "worksheet", "worksheets/sheet1.xml")]
    if shared is not None:
        overrides.append(("/xl/sharedStrings.xml", f"{_CT}.sharedStrings+xml"))
        relations.append(("rId2", "sharedStrings", "sharedStrings.xml"))
    types = (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
        + "</Types>"
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    book = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{_REL}">'
        f'<sheets><sheet name="{escape(name)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    book_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
        + "".join(
            f'<Relationship Id="{i}" Type="{_REL}/{kind}" Target="{target}"/>'
            for i, kind, target in relations
        )
        + "</Relationships>"
    )
    if isinstance(sheet, Part):
        sheet_part = sheet
    else:
        data = sheet if sheet is not None else cells_xml(rows)
        sheet_part = deflated(
            "xl/worksheets/sheet1.xml", f'<worksheet xmlns="{NS}">{data}</worksheet>'
        )
    parts = [
        deflated("[Content_Types].xml", types),
        deflated("_rels/.rels", root_rels),
        deflated("xl/workbook.xml", book),
        deflated("xl/_rels/workbook.xml.rels", book_rels),
        sheet_part,
    ]
    if isinstance(shared, Part):
        parts.append(shared)
    elif shared is not None:
        items = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
        parts.append(deflated("xl/sharedStrings.xml", f'<sst xmlns="{NS}">{items}</sst>'))
    return zip_archive(parts)


def shared_string_bomb(megabytes: int, *, declared: int | None = None) -> bytes:
    """The probe: a workbook whose one shared string inflates to *megabytes* MB of ``A``."""
    head = f'<sst xmlns="{NS}"><si><t>indikator</t></si><si><t>år</t></si>'.encode()
    head += "<si><t>värde</t></si><si><t>".encode()
    tail = b"</t></si></sst>"
    part = bomb_stream("xl/sharedStrings.xml", head, b"A" * (1 << 20), megabytes, tail)
    if declared is not None:
        part = part._replace(declared=declared)
    sheet = (
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>3</v></c>'
        '<c r="B2"><v>2023</v></c><c r="C2"><v>81.5</v></c></row></sheetData>'
    )
    return workbook(sheet, shared=part)


def rows_bomb(rows: int, row: bytes) -> bytes:
    """A workbook whose sheet is a header and *rows* copies of *row* (XML, no ``r=``)."""
    head = (
        f'<worksheet xmlns="{NS}"><sheetData><row><c t="inlineStr"><is><t>indikator</t></is>'
        '</c><c t="inlineStr"><is><t>år</t></is></c><c t="inlineStr"><is><t>värde</t></is>'
        "</c></row>"
    ).encode()
    per_block = 10_000
    assert rows % per_block == 0
    part = bomb_stream(
        "xl/worksheets/sheet1.xml",
        head,
        row * per_block,
        rows // per_block,
        b"</sheetData></worksheet>",
    )
    return workbook(part)
