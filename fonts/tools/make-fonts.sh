#!/usr/bin/env bash
# Rebuilds fonts/ from Debian packages. Needs apt-get, dpkg and fonttools (pip install fonttools).
# Usage: bash fonts/tools/make-fonts.sh [WORKDIR]   (run from the repository root)
set -euo pipefail

work=${1:-$(mktemp -d)}
out=$(pwd)/fonts
tools=$(dirname "$(readlink -f "$0")")

cd "$work"
apt-get download fonts-noto-cjk=1:20220127+repack1-1 texlive-lang-chinese=2022.20230122-1 fonts-dejavu-core=2.37-6 \
  fonts-cwtex-fs=1.0-4 fonts-arphic-ukai=0.2.20080216.2-5
for deb in *.deb; do dpkg -x "$deb" x; done
python3 "$tools/unicodes.py" > unicodes.txt
python3 "$tools/unicodes.py" --without-arev > unicodes-without-arev.txt

noto=x/usr/share/fonts/opentype/noto
fandol=x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
dejavu=x/usr/share/fonts/truetype/dejavu

# Keep every layout feature, but only the default and Simplified Chinese (ZHS) language systems:
# the JAN/KOR/ZHT/ZHH `locl` variants would double the size and are never wanted in a zh-CN document.
scripts='DFLT,cyrl.dflt,cyrl.ZHS,grek.dflt,grek.ZHS,hang.dflt,hang.ZHS,hani.dflt,hani.ZHS,kana.dflt,kana.ZHS,latn.dflt,latn.ZHS'

subset() { # SOURCE FACE_INDEX OUTPUT [UNICODES_FILE]
  pyftsubset "$1" --font-number="$2" --unicodes-file="${4:-unicodes.txt}" \
    --layout-features='*' --layout-scripts="$scripts" \
    --name-IDs='*' --name-languages='*' --output-file="$out/$3"
}

# Face 2 of each Noto CJK collection is the SC (Simplified Chinese) face.
subset "$noto/NotoSerifCJK-Regular.ttc" 2 NotoSerifCJKsc-Regular.subset.otf
subset "$noto/NotoSerifCJK-Bold.ttc" 2 NotoSerifCJKsc-Bold.subset.otf
subset "$noto/NotoSansCJK-Regular.ttc" 2 NotoSansCJKsc-Regular.subset.otf
subset "$noto/NotoSansCJK-Bold.ttc" 2 NotoSansCJKsc-Bold.subset.otf
subset "$dejavu/DejaVuSans.ttf" 0 DejaVuSans.subset.ttf unicodes-without-arev.txt
subset "$dejavu/DejaVuSans-Bold.ttf" 0 DejaVuSans-Bold.subset.ttf unicodes-without-arev.txt

# Fandol covers GB 2312 only and is small enough to ship unmodified.
cp "$fandol/FandolFang-Regular.otf" "$fandol/FandolKai-Regular.otf" "$out/"

# Style-matched fallbacks: only the Chinese characters each Fandol face lacks.
fallback() { # SOURCE FACE_INDEX FANDOL OUTPUT
  python3 "$tools/fallback_unicodes.py" unicodes.txt "$out/$3" > "fallback-$4.txt"
  pyftsubset "$1" --font-number="$2" --unicodes-file="fallback-$4.txt" --layout-features='*' \
    --name-IDs='*' --name-languages='*' --no-hinting --output-file="$out/$4"
}
fallback x/usr/share/fonts/truetype/cwtex/cwfs.ttf 0 FandolFang-Regular.otf cwTeXFangSong.gbk-fallback.ttf
fallback x/usr/share/fonts/truetype/arphic/ukai.ttc 0 FandolKai-Regular.otf ARPLUKaiCN.gbk-fallback.ttf
