"""Zip and workbook bombs built by the tests: members that lie about their size, and members of a huge ratio."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

import openpyxl

MIB = 1 << 20


@dataclass(frozen=True)
class Member:
    """One member as the archive will hold it: name, compression method, stored bytes, and what it declares."""

    name: str
    method: int
    data: bytes
    crc: int
    size: int


def honest(name: str, content: bytes) -> Member:
    """A deflated member that declares what it holds."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return Member(name, zipfile.ZIP_DEFLATED, packer.compress(content) + packer.flush(), zlib.crc32(content),
                  len(content))


def zeros(mebibytes: int) -> bytes:
    """A raw deflate stream that inflates to that many MiB of zero bytes, about 1 KB per MiB: one full-flushed
    block (which refers to nothing before it) repeated, then an empty final block."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = packer.compress(bytes(MIB)) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * mebibytes + zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).flush()


def liar(name: str, mebibytes: int, declared: int = 4096) -> Member:
    """A member declaring `declared` bytes (its CRC that of the first `declared` zeros, so a reader that stops at
    the declared size finds nothing wrong) whose stream inflates to `mebibytes` MiB."""
    return Member(name, zipfile.ZIP_DEFLATED, zeros(mebibytes), zlib.crc32(bytes(declared)), declared)


def archive(members: list[Member]) -> bytes:
    """A zip of these members exactly as given (local headers, central directory, end record)."""
    out, central = io.BytesIO(), io.BytesIO()
    for m in members:
        name, offset = m.name.encode("utf-8"), out.tell()
        fields = (20, 0x800, m.method, 0, 0x21, m.crc, len(m.data), m.size, len(name))
        out.write(struct.pack("<4s5HIIIHH", b"PK\x03\x04", *fields, 0) + name + m.data)
        central.write(struct.pack("<4s6HIIIHHHHHII", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset) + name)
    start, directory = out.tell(), central.getvalue()
    out.write(directory)
    out.write(struct.pack("<4s4HIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), start, 0))
    return out.getvalue()


def workbook_members() -> dict[str, bytes]:
    """The members of a small real workbook (one sheet, one cell)."""
    book = openpyxl.Workbook()
    book.active["A1"] = "统计指标"
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        return {info.filename: source.read(info) for info in source.infolist()}


def workbook_bomb(mebibytes: int) -> bytes:
    """A real workbook with one more sheet member that lies: it declares 4 KB and inflates to that many MiB (the
    workbook does not list it, so a reader opens the workbook fine and meets the bomb only when it reads every
    sheet's XML, as the merged-cells check did)."""
    members = [honest(name, data) for name, data in workbook_members().items()]
    return archive([*members, liar("xl/worksheets/sheet2.xml", mebibytes)])
