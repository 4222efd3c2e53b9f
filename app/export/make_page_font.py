#!/usr/bin/python3
"""Writes the page font: a copy of one face of a CJK font collection whose character map
gives every glyph one preferred code point, so that a PDF's text layer says 完工, not 完⼯.

Why: Qt's PDF writer (6.4) builds each embedded font's ToUnicode map by asking, for every
glyph it used, which code point maps to it, and takes the lowest. Noto Sans CJK maps the
Kangxi radical ⼯ (U+2F2F) and the ideograph 工 (U+5DE5) to one glyph, so every 工 on a page
was extracted, searched and copied as ⼯.

What: for each glyph that several code points share, the preferred one is chosen (the
unified ideograph over radicals and compatibility ideographs, the en dash over the figure
dash, and so on, see preferred()); the code points below it are dropped from this copy's
character map, so the lowest code point left is the preferred one. The page painter draws
the dropped characters (a radical that really is in the data) in the original font, whose
lowest code point for that glyph is the dropped one. The glyph outlines are copied as they
are (the CFF table is never decompiled), so the copy draws exactly like the original.

The family is renamed ("Hongtu Noto Sans CJK SC") so it never stands in for the system font;
Noto fonts are under the SIL Open Font License 1.1 and reserve no font name.

Usage: make_page_font.py COLLECTION.ttc "Noto Sans CJK SC" OUT.otf [--report]
"""

import sys
import unicodedata

from fontTools.ttLib import TTCollection, TTFont

PREFIX = "Hongtu "

# Pairs where the lower code point is the one Chinese text does not use.
PREFER = {
    0x2012: 0x2013,  # figure dash -> en dash ("0 – < 25%")
    0x2003: 0x3000,  # em space -> ideographic space
    0x301C: 0xFF5E,  # wave dash -> fullwidth tilde (GB 18030 A1AB, "2017～2019")
}


def is_radical(cp):
    return 0x2E80 <= cp <= 0x2FDF


def is_compat_ideograph(cp):
    return 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F


def is_unified_ideograph(cp):
    return unicodedata.name(chr(cp), "").startswith("CJK UNIFIED IDEOGRAPH")


def preferred(cps):
    """The code point a glyph shared by `cps` (sorted) stands for in text."""
    unified = [cp for cp in cps if is_unified_ideograph(cp)]
    if unified and any(is_radical(cp) or is_compat_ideograph(cp) for cp in cps):
        return unified[0]
    # A canonical decomposition (U+2329 -> U+3008) names the character to use.
    for cp in cps:
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<") and len(d.split()) == 1 and int(d, 16) in cps:
            return int(d, 16)
    for low, high in PREFER.items():
        if low in cps and high in cps:
            return high
    return cps[0]


def dropped_code_points(cmap):
    """Code points to drop: those below the preferred one of their glyph."""
    by_glyph = {}
    for cp, glyph in cmap.items():
        by_glyph.setdefault(glyph, []).append(cp)
    drop = set()
    for cps in by_glyph.values():
        if len(cps) < 2:
            continue
        cps.sort()
        keep = preferred(cps)
        drop.update(cp for cp in cps if cp < keep)
    return drop


def find_face(collection, family):
    for font in collection.fonts:
        if font["name"].getDebugName(1) == family:
            return font
    names = ", ".join(str(f["name"].getDebugName(1)) for f in collection.fonts)
    raise SystemExit(f"make_page_font: no face '{family}' in the collection (it has: {names})")


def rename(font, family):
    new_family = PREFIX + family
    for record in font["name"].names:
        if record.nameID not in (1, 3, 4, 6, 16, 18, 21):
            continue
        text = record.toUnicode()
        if record.nameID in (3, 6):
            # PostScript names: "NotoSansCJKsc-Bold" (the family's last word in lower case).
            text = "Hongtu" + text
        else:
            text = text.replace(family, new_family)
        record.string = text


def main(argv):
    if len(argv) < 4:
        raise SystemExit(__doc__)
    source, family, out = argv[1], argv[2], argv[3]
    if source.lower().endswith((".ttc", ".otc")):
        font = find_face(TTCollection(source, lazy=True), family)
    else:
        font = TTFont(source, lazy=True)
    best = dict(font.getBestCmap())
    drop = dropped_code_points(best)
    for table in font["cmap"].tables:
        if table.format in (4, 12) and table.cmap:
            for cp in drop:
                table.cmap.pop(cp, None)
    rename(font, family)
    font.save(out)
    if "--report" in argv:
        for cp in sorted(drop):
            glyph = best[cp]
            to = min(c for c, g in best.items() if g == glyph and c not in drop)
            print(f"U+{cp:04X} {chr(cp)} -> U+{to:04X} {chr(to)}  {unicodedata.name(chr(cp), '?')}")
    print(f"make_page_font: {out}: {len(drop)} of {len(best)} code points left to the original font")


if __name__ == "__main__":
    main(sys.argv)
