#!/usr/bin/env python3
"""Draws the Readmark icon (a white bookmark ribbon on a blue rounded square) as PNGs.

Usage: scripts/make-icons.py [output directory, default extension/icons]
Writes icon-16.png, icon-32.png, icon-48.png and icon-128.png. Standard library only:
shapes are tested per sub-pixel (SUPERSAMPLE² samples per pixel) for smooth edges, and the
PNG is written by hand (zlib + struct).
"""
import struct
import sys
import zlib
from pathlib import Path

SIZES = (16, 32, 48, 128)
# Samples per pixel along each axis: 4×4 gives smooth edges even at 16 px.
SUPERSAMPLE = 4
BACKGROUND = (37, 99, 235)  # blue
RIBBON = (255, 255, 255)
# Geometry in units of the icon's side (0..1).
CORNER_RADIUS = 0.22
RIBBON_LEFT, RIBBON_RIGHT = 0.30, 0.70
RIBBON_TOP, RIBBON_BOTTOM = 0.16, 0.86
NOTCH_DEPTH = 0.20  # how far the V cut at the ribbon's foot reaches up


def in_rounded_square(x, y):
    """Inside the unit square with corners rounded by CORNER_RADIUS."""
    cx = min(max(x, CORNER_RADIUS), 1 - CORNER_RADIUS)
    cy = min(max(y, CORNER_RADIUS), 1 - CORNER_RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= CORNER_RADIUS**2


def in_ribbon(x, y):
    """Inside the bookmark: a band whose foot is cut by a V notch."""
    if not (RIBBON_LEFT <= x <= RIBBON_RIGHT and y >= RIBBON_TOP):
        return False
    half_width = (RIBBON_RIGHT - RIBBON_LEFT) / 2
    from_centre = abs(x - (RIBBON_LEFT + half_width)) / half_width  # 0 at the centre, 1 at the sides
    return y <= RIBBON_BOTTOM - NOTCH_DEPTH * (1 - from_centre)


def pixel(size, px, py):
    """The RGBA of one pixel: the coverage of each shape, averaged over the sub-samples."""
    square = ribbon = 0
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            x = (px + (sx + 0.5) / SUPERSAMPLE) / size
            y = (py + (sy + 0.5) / SUPERSAMPLE) / size
            if in_rounded_square(x, y):
                square += 1
                ribbon += in_ribbon(x, y)
    samples = SUPERSAMPLE**2
    if square == 0:
        return (0, 0, 0, 0)
    share = ribbon / square  # the ribbon lies inside the square: mix within the covered part
    rgb = tuple(round(b + (r - b) * share) for b, r in zip(BACKGROUND, RIBBON))
    return (*rgb, round(255 * square / samples))


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(size):
    """The PNG file (8-bit RGBA, no filtering) of the icon at `size` pixels."""
    rows = b"".join(
        b"\x00" + bytes(channel for px in range(size) for channel in pixel(size, px, py)) for py in range(size)
    )
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "extension" / "icons")
    out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        (out / f"icon-{size}.png").write_bytes(png(size))
        print(f"{out / f'icon-{size}.png'}: {size}×{size}")


if __name__ == "__main__":
    main()
