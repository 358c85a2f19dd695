"""Ingest: a zip's members inflated as streams, with a running byte limit — never more than the member declares,
its cap, or a ratio of 100:1 to its compressed size — so a member that lies about its size is refused on the first
byte past what it may hold, before anything (openpyxl, python-docx, a reader) holds it whole."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator

from gjj_dash.ingest.decode import Limits, clean_name, mb
from gjj_dash.ingest.messages import Refusal, refuse

CHUNK = 64 * 1024
_LOCAL = struct.Struct("<4s22xHH")  # signature, then (after 22 bytes) the name's and the extra field's lengths
_SMALL = 1024 * 1024  # a member this small may compress well beyond the ratio (a sheet of empty cells)


def _raw(payload: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The member's compressed bytes, located through its local header."""
    start = info.header_offset
    if start < 0 or start + _LOCAL.size > len(payload):  # the directory points outside the file
        raise refuse("bad_zip")
    signature, name_len, extra_len = _LOCAL.unpack_from(payload, start)
    if signature != b"PK\x03\x04":
        raise refuse("bad_zip")
    begin = start + _LOCAL.size + name_len + extra_len
    if begin + info.compress_size > len(payload):
        raise refuse("bad_zip")
    return memoryview(payload)[begin:begin + info.compress_size]


def chunks(payload: bytes, info: zipfile.ZipInfo, cap: int, ratio: int) -> Iterator[bytes]:
    """The member's bytes, CHUNK at a time; refused at the first byte past its declared size, cap or ratio, and when
    its stream ends short of its declared size."""
    raw = _raw(payload, info)
    if info.compress_type == zipfile.ZIP_STORED:
        pieces: Iterator[bytes] = (bytes(raw[i:i + CHUNK]) for i in range(0, len(raw), CHUNK))
        inflater = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        pieces = _inflate(inflater, raw, clean_name(info.filename))
    else:
        raise refuse("zip_method", name=clean_name(info.filename))
    allowed = min(info.file_size, cap, max(_SMALL, ratio * max(info.compress_size, 1)))
    seen = 0
    for piece in pieces:
        seen += len(piece)
        if seen > allowed:
            raise _too_much(info, seen, cap, ratio)
        yield piece
    if seen != info.file_size or (inflater is not None and not inflater.eof):
        raise refuse("zip_lies", name=clean_name(info.filename))


def _inflate(inflater, raw: memoryview, name: str) -> Iterator[bytes]:
    """Inflate CHUNK bytes at most per step, whatever one compressed byte expands to."""
    try:
        for i in range(0, len(raw), CHUNK):
            data = bytes(raw[i:i + CHUNK])
            while data:
                piece = inflater.decompress(data, CHUNK)
                data = inflater.unconsumed_tail
                yield piece
        while not inflater.eof and (piece := inflater.decompress(b"", CHUNK)):  # output zlib still holds
            yield piece
    except zlib.error:  # the compressed bytes are damaged: named, as the CRC check names a damaged member
        raise refuse("zip_damaged", name=name) from None


def _too_much(info: zipfile.ZipInfo, seen: int, cap: int, ratio: int) -> Refusal:
    name = clean_name(info.filename)
    if seen > info.file_size:
        return refuse("zip_lies", name=name)
    if seen > cap:
        return refuse("zip_over", name=name, cap=mb(cap))
    return refuse("zip_ratio_over", name=name, cap=ratio)


def verify(payload: bytes, infos: list[zipfile.ZipInfo], lim: Limits) -> None:
    """Inflate every member as a stream (nothing kept): each must hold exactly what it declares, within the ratio,
    and all of them together within the unpacked limit. After this a parser may read the members whole."""
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        for piece in chunks(payload, info, lim.max_unzipped, lim.max_ratio):
            total += len(piece)
            if total > lim.max_unzipped:
                raise refuse("zip_over", name=clean_name(info.filename), cap=mb(lim.max_unzipped))


def member(payload: bytes, info: zipfile.ZipInfo, lim: Limits) -> bytes:
    """One member's bytes, held to the upload cap as they inflate."""
    return b"".join(chunks(payload, info, lim.max_bytes, lim.max_ratio))
