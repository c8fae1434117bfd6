"""Text widths for SVG badges, so each box fits its words without a browser or a font file.

As shields.io does, a badge is laid out on the server from a per-character advance-width
table, and its SVG sets `textLength`, so a viewer that substitutes another font squeezes or
spreads the text into the computed box instead of overflowing it. The advances are DejaVu Sans's
(font units on a 2048-unit em, read from the `hmtx` table of DejaVuSans.ttf); DejaVu keeps
Bitstream Vera's metrics, which are close to Verdana's, the first font of the badge's stack.
"""

from __future__ import annotations

import unicodedata

UNITS_PER_EM = 2048
# Wider than any Latin letter, so a character missing from the table can only widen the box.
UNKNOWN_ADVANCE = 2048
_CHARACTERS_BY_ADVANCE = {
    563: "'",
    569: "ijlìíîï",
    604: "IJÌÍÎÏ",
    651: " ,.\xa0·’‘",
    690: "/:;\\|¦",
    721: "f",
    739: "-\xad",
    799: "()[]",
    803: "t",
    821: "!¡²³¹",
    842: "r",
    942: '"',
    965: "ªº",
    1024: "*_`§¨¯°´¸–",
    1061: "“”",
    1067: "s",
    1075: "z",
    1087: "?¿",
    1126: "cç",
    1141: "L",
    1178: "F",
    1186: "k",
    1212: "vxyýÿ",
    1235: "P",
    1239: "Þ",
    1251: "TYÝŸ",
    1253: "o«»ðòóôõöø",
    1255: "aàáâãäå",
    1260: "eèéêë",
    1290: "ß",
    1294: "EÈÉÊË",
    1298: "hnuñùúûü",
    1300: "Sbdgpqþ",
    1303: "$0123456789{}¢£¤¥µ¶€",
    1343: "K",
    1401: "AVÀÁÂÃÄÅ",
    1403: "XZ",
    1405: "B",
    1423: "R",
    1430: "CÇ",
    1499: "UÙÚÛÜ",
    1532: "NÑ",
    1540: "H",
    1577: "D",
    1587: "GÐ",
    1597: "&",
    1612: "OQÒÓÔÕÖØ",
    1675: "w",
    1716: "#+<=>^~¬±×÷",
    1767: "M",
    1946: "%",
    1985: "¼½¾",
    1995: "mÆ",
    2011: "æ",
    2025: "W",
    2048: "@©®—…",
    2095: "œ",
    2191: "Œ",
}
_ADVANCES = {char: advance for advance, chars in _CHARACTERS_BY_ADVANCE.items() for char in chars}


def text_width(text: str, font_size: float) -> float:
    """Width in pixels of `text` set at `font_size` px (NFC first: "é" may arrive as e + accent)."""
    normalized = unicodedata.normalize("NFC", text)
    units = sum(_ADVANCES.get(char, UNKNOWN_ADVANCE) for char in normalized)
    return units * font_size / UNITS_PER_EM
