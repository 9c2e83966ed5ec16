"""Writes the Chinese characters of unicodes.txt that a Fandol face lacks (one U+XXXX a line).

Usage: python3 fallback_unicodes.py unicodes.txt FandolFang-Regular.otf
The style-matched fallback faces (cwTeX 仿宋 after FandolFang, AR PL UKai after FandolKai) are
cut down to these, so they only ever print what Fandol cannot.
"""

import sys

from fontTools.ttLib import TTFont


def is_han(code):
    return 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def main(unicodes_file, fandol_file):
    have = set(TTFont(fandol_file).getBestCmap())
    with open(unicodes_file) as lines:
        wanted = [int(line.strip()[2:], 16) for line in lines if line.strip()]
    for code in wanted:
        if is_han(code) and code not in have:
            print(f"U+{code:04X}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
