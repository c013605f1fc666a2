"""A small PNG drawn in pure Python: the demo's figure (a gate valve's outline), so that the demo
needs no image library and no file from outside."""

from __future__ import annotations

import struct
import zlib


def valve_sketch() -> bytes:
    """Black lines on white: a body, a bonnet, a stem and a handwheel, roughly a gate valve."""
    width, height, white, black = 240, 160, 255, 0
    pixels = [[white] * width for _ in range(height)]

    def box(x0: int, y0: int, x1: int, y1: int) -> None:
        for x in range(x0, x1 + 1):
            pixels[y0][x] = pixels[y1][x] = black
        for y in range(y0, y1 + 1):
            pixels[y][x0] = pixels[y][x1] = black

    middle = width // 2
    box(20, height * 5 // 8, width - 21, height * 7 // 8)  # the pipe run through the body
    box(middle - 40, height * 3 // 8, middle + 40, height - 10)  # the body
    box(middle - 25, height // 5, middle + 25, height * 3 // 8)  # the bonnet
    box(middle - 3, 16, middle + 3, height // 5)  # the stem
    box(middle - 45, 8, middle + 45, 16)  # the handwheel
    raw = b"".join(b"\x00" + bytes(row) for row in pixels)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
