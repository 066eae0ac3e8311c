"""A warning when an expert's English name, spelt in pinyin, is not the pinyin of the Chinese name: often a
sign that a character of ``name_zh`` is wrong (a look-alike, or a homophone of another tone is not caught).

Warnings are printed by validate and build but fail neither. The comparison is tolerant (see
``pinyin.py``): any order, any reading of a polyphonic character, spellings that are not pinyin
(Cantonese, Wade–Giles, Western given names) never warn, and a matching alias is enough.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..dataset import Dataset
from ..pinyin import is_hanzi, looks_like_pinyin_of, matches, shown_reading
from .base import Finding


def name_is_pinyin_of_name_zh(dataset: Dataset) -> Iterator[Finding]:
    """W001: an English spelling in pinyin (the name or an alias) that matches no reading of ``name_zh``."""
    for record in sorted(dataset.records.get("experts", {}).values(), key=lambda r: r.id):
        hanzi = record.name_zh
        if not hanzi or not is_hanzi(hanzi) or not 2 <= len(hanzi) <= 4:
            continue
        spelt = [record.name, *record.aliases]
        if any(matches(spelling, hanzi) for spelling in spelt):
            continue
        claims = [spelling for spelling in spelt if looks_like_pinyin_of(spelling, hanzi)]
        if claims:
            yield Finding(record, ("name_zh",),
                          f"'{claims[0]}' is spelt in pinyin but is not the pinyin of name_zh '{hanzi}' "
                          f"(read as '{shown_reading(hanzi)}'): is a character wrong?",
                          "compare name_zh with the source character by character; if both are right (a "
                          "spelling that only looks like pinyin, such as a Cantonese one), leave it: this is a "
                          "warning and does not fail the build")
