"""Pinyin of Chinese names, read by pypinyin: ids for `ioatlas new`, and whether an English spelling can be
the pinyin of a Chinese name (W001, a sign of wrong characters in ``name_zh``).

The comparison is tolerant, because a warning must be worth a curator's time: tones, case, blanks, hyphens
and apostrophes do not count; family name first or last are both fine; every reading of a polyphonic
character counts (曾 is zeng or ceng, 单 shan or dan); ü may be written u, v or yu. A spelling that is not
pinyin at all (Cantonese "Po Shing", Wade–Giles "Chien-Shing", a Western given name such as "Andrew") is
never judged: only a spelling made entirely of pinyin syllables, one per character, can disagree.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import cache
from typing import Any

# The few two-character family names, so that 欧阳娜娜 reads Ouyang Nana, not Ou Yangnana.
COMPOUND_SURNAMES = frozenset({"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙",
                               "宇文", "司徒", "夏侯", "公孙", "端木", "澹台", "轩辕", "独孤", "南宫", "呼延"})
# Family names whose reading as a name differs from the character's usual one (翟 is Zhai, not Di).
SURNAME_READINGS = {"翟": "zhai", "曾": "zeng", "单": "shan", "区": "ou", "仇": "qiu", "解": "xie", "查": "zha",
                    "朴": "piao", "覃": "qin", "盖": "ge", "乐": "yue", "缪": "miao", "尉": "yu", "秘": "bi",
                    "种": "chong", "繁": "po", "员": "yun", "祭": "zhai", "相": "xiang", "柏": "bai", "薄": "bo",
                    "召": "shao", "折": "she", "能": "nai", "宓": "mi", "句": "gou", "万俟": "moqi"}
_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_INTERJECTIONS = frozenset({"m", "n", "ng", "hm", "hng", "ê"})  # readings of 嗯, 呣, 哼: never part of a name
_MAX_READINGS = 256  # spellings compared for one name; a 4-character name of polyphonic characters stays far below


def is_hanzi(text: str) -> bool:
    return bool(_HANZI.fullmatch(text))


def _fold(text: str) -> str:
    """Lowercase ASCII letters only: no tones or other accents, ü as u (lü, lv, lyu and lu are one spelling)."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ü", "u"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"(?<=[ln])(?:v|yu)", "u", re.sub(r"[^a-z]", "", text))


@cache
def _pypinyin() -> Any:
    """pypinyin, imported on first use: loading its dictionaries takes half a second that only Chinese names
    need."""
    import pypinyin

    return pypinyin


@cache
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows, folded like a spelling."""
    from pypinyin.constants import PINYIN_DICT
    from pypinyin.contrib.tone_convert import to_normal

    toned = {reading for value in set(PINYIN_DICT.values()) for reading in value.split(",")}
    return frozenset(_fold(plain) for plain in {to_normal(r) for r in toned} - _INTERJECTIONS)


def readings(hanzi: str) -> list[list[str]]:
    """Every reading of each character, toneless and folded (heteronyms included)."""
    py = _pypinyin()
    return [sorted({_fold(r) for r in py.pinyin(char, style=py.Style.NORMAL, heteronym=True)[0]}) for char in hanzi]


def surname_length(hanzi: str) -> int:
    return 2 if len(hanzi) > 2 and hanzi[:2] in COMPOUND_SURNAMES else 1


def spellings(hanzi: str) -> set[str]:
    """The name's pinyin in both orders (family name first or last), folded, for every reading."""
    per_char = readings(hanzi)
    found: set[str] = set()
    for split in {surname_length(hanzi), 1}:
        for order in (per_char, per_char[split:] + per_char[:split]):
            for combination in itertools.islice(itertools.product(*order), _MAX_READINGS):
                found.add("".join(combination))
    return found


def _splits_into(text: str, count: int) -> bool:
    """True when ``text`` is exactly ``count`` pinyin syllables."""
    if count == 0:
        return not text
    return any(text[:end] in syllables() and _splits_into(text[end:], count - 1)
               for end in range(1, min(len(text), 6) + 1))


def looks_like_pinyin_of(spelling: str, hanzi: str) -> bool:
    """True when the spelling is made of pinyin syllables, one per character of ``hanzi``, each word whole
    syllables: it claims to be the name's pinyin, so a mismatch means something."""
    words = [_fold(word) for word in re.split(r"[\s\-'’.]+", spelling) if _fold(word)]
    if not words or len(words) > len(hanzi):
        return False
    for counts in itertools.product(range(1, len(hanzi) + 1), repeat=len(words)):
        if sum(counts) == len(hanzi) and all(_splits_into(w, n) for w, n in zip(words, counts, strict=True)):
            return True
    return False


def matches(spelling: str, hanzi: str) -> bool:
    return _fold(spelling) in spellings(hanzi)


def shown_reading(hanzi: str) -> str:
    """pypinyin's usual reading, family name first and capitalised: 'Huang He'."""
    split = surname_length(hanzi)
    lazy_pinyin = _pypinyin().lazy_pinyin
    family = SURNAME_READINGS.get(hanzi[:split]) or "".join(lazy_pinyin(hanzi[:split], v_to_u=True))
    given = "".join(lazy_pinyin(hanzi[split:], v_to_u=True))
    return re.sub(r"(?<=[lnLN])ü", "yu", f"{family.capitalize()} {given.capitalize()}".strip())


def slug(hanzi: str) -> str:
    """An id for a Chinese name: 'huang-he' for a person (family name, then given name as one word)."""
    return shown_reading(hanzi).lower().replace(" ", "-")


def word(hanzi: str) -> str:
    """The usual pinyin of a word, syllables joined: 'shanghaishi'."""
    return "".join(_pypinyin().lazy_pinyin(hanzi))
