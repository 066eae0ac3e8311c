"""What a check is: a code, its one-line meaning, and a function that finds the records breaking it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..loader import Loc
from ..models import Record

if TYPE_CHECKING:
    from ..dataset import Dataset


@dataclass(frozen=True)
class Finding:
    """One record breaking a check: where (a field path in the record), what, and how to fix it."""

    record: Record
    loc: Loc
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Check:
    code: str
    summary: str  # the code's meaning on the error-code page
    find: Callable[[Dataset], Iterator[Finding]]
