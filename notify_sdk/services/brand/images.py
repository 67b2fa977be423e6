"""Image headers: the pixel size of a JPEG or PNG, read without an imaging library."""

from __future__ import annotations


def _image_size(content: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG or JPEG, ``None`` when the header cannot be read."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    if not content.startswith(b"\xff\xd8"):
        return None
    pos = 2
    while pos + 9 < len(content):
        if content[pos] != 0xFF:
            return None
        marker = content[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        length = int.from_bytes(content[pos + 2 : pos + 4], "big")
        # SOF markers carry the frame size; C4 (DHT), C8 and CC (arithmetic
        # coding tables) share the range but are not frames.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height = int.from_bytes(content[pos + 5 : pos + 7], "big")
            width = int.from_bytes(content[pos + 7 : pos + 9], "big")
            return width, height
        pos += 2 + length
    return None


# (min h/w, max h/w) as fractions (numerator, denominator) per image type.
# Keyed by BrandImageType value, so that building it does not load notify_sdk.brand.
_RATIOS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "IMAGE": ((1, 2), (4, 3)),
    "WIDE_IMAGE": ((1, 2), (1, 1)),
    "MAIN_WIDE_ITEMLIST_IMAGE": ((1, 2), (1, 2)),
    "NORMAL_WIDE_ITEMLIST_IMAGE": ((1, 1), (1, 1)),
    "CAROUSEL_FEED_IMAGE": ((1, 2), (4, 3)),
    "CAROUSEL_COMMERCE_IMAGE": ((1, 2), (4, 3)),
}
