"""Writes the code points kept when subsetting the big CJK faces (one U+XXXX a line).

Every character of GBK's 2-byte area (Python's gbk and gb18030 codecs, plus the
19 code points that GB 18030-2022 moved out of the private use area, as the
WHATWG/encoding_rs GBK decoder maps them), printable ASCII, Latin-1, and the
symbol blocks an official document may use.
"""

import sys

GB18030_2022_REMAPPED = [0x1E3F, *range(0x9FB4, 0x9FBC), *range(0xFE10, 0xFE1A)]

BLOCKS = [
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2100, 0x214F),  # Letterlike Symbols (℃ ℉ №)
    (0x2150, 0x218F),  # Number Forms (Ⅰ Ⅱ)
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical Operators (≈ ≤ ≒)
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (① ⑴ ⒈)
    (0x2500, 0x257F),  # Box Drawing
    (0x25A0, 0x25FF),  # Geometric Shapes (□ ■ ○ ●)
    (0x2600, 0x26FF),  # Miscellaneous Symbols (★ ☆)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFE10, 0xFE1F),  # Vertical Forms
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]


# DejaVu Sans glyphs drawn for the Arev fonts (DejaVu README.md): licensed apart from the
# Bitstream Vera ones, so they are left out of the DejaVu subsets (option --without-arev).
AREV = [
    0x01BA, 0x01BF, 0x01F7, (0x021C, 0x021D), 0x0220, (0x0222, 0x0223), 0x02B9, 0x02BA, 0x02BD,
    (0x02C2, 0x02C5), (0x02D4, 0x02D5), 0x02D7, (0x02EC, 0x02EE), (0x0346, 0x034E), 0x0360,
    0x0362, (0x03E2, 0x03EF), (0x0460, 0x0463), (0x0466, 0x0486), (0x0488, 0x0489),
    (0x04A8, 0x04A9), (0x0500, 0x050F), (0x2055, 0x205E), 0x20B0, (0x20B2, 0x20B3), 0x2102,
    0x210D, 0x210F, 0x2111, 0x2113, 0x2115, (0x2118, 0x211A), (0x211C, 0x211D), 0x2124, 0x2135,
    (0x213C, 0x2140), (0x2295, 0x2298), (0x2308, 0x230B), (0x26A2, 0x26B1), (0x2701, 0x2704),
    (0x2706, 0x2709), (0x270C, 0x274B), (0x2758, 0x275A), (0x2761, 0x2775), (0x2780, 0x2794),
    (0x2798, 0x27AF), (0x27B1, 0x27BE), (0xFB05, 0xFB06),
]


def arev_code_points():
    for item in AREV:
        lo, hi = item if isinstance(item, tuple) else (item, item)
        yield from range(lo, hi + 1)


def gbk_two_byte(codec):
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                text = bytes([lead, trail]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                yield ord(text)


def is_private_use(cp):
    return 0xE000 <= cp <= 0xF8FF


def main():
    cps = set(gbk_two_byte("gbk")) | set(gbk_two_byte("gb18030")) | set(GB18030_2022_REMAPPED)
    for lo, hi in BLOCKS:
        cps.update(range(lo, hi + 1))
    if "--without-arev" in sys.argv[1:]:
        cps -= set(arev_code_points())
    for cp in sorted(c for c in cps if not is_private_use(c)):
        sys.stdout.write(f"U+{cp:04X}\n")


if __name__ == "__main__":
    main()
