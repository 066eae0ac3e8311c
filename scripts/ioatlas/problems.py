"""Problems found in records, collected over a whole run and reported together.

Every problem names the file, the line and column (when known), a stable code, a message and,
when we can guess it, a hint that says how to fix it. The codes of reading and schema validation are
listed here; the codes of the checks that run on the loaded records are declared with each check
(``checks/``). ``checks.ALL_CODES`` joins both for the error-code page, and every code has an invalid
fixture under tests/fixtures/invalid/.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

# code -> one-line meaning, for the problems found while reading files and validating them against the models
FILE_CODES: dict[str, str] = {
    "E001": "file cannot be read as plain text: not UTF-8, a byte-order mark, tabs, CR line endings, "
             "control characters or Unicode line separators, or not a regular file (symlink, FIFO)",
    "E002": "YAML syntax error",
    "E003": "file is empty or is not a mapping",
    "E004": "YAML anchors, aliases, tags or duplicate keys are not allowed",
    "E005": "file too large or nested too deeply",
    "E010": "unknown field",
    "E011": "missing required field",
    "E012": "wrong type or invalid value (including impossible dates, blank text, escaped control characters)",
    "E013": "id does not match the file name",
    "E014": "a placeholder written by `ioatlas new` ('<TODO: …>') is still in the record",
    "E020": "malformed or bad-checksum identifier",
    "E060": "unsafe text: raw HTML, a link or URL that is not http(s), an image, an attribute list or a "
             "reference definition in prose",
}


# The value `ioatlas new` writes into every field a curator must fill in. It is refused by every field type
# (Text refuses '<', ids, dates and vocabularies refuse it too), and the refusal is reported as E014.
PLACEHOLDER = "<TODO: {}>"
_PLACEHOLDER = re.compile(r"<TODO\b[^>]*>")


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and bool(_PLACEHOLDER.fullmatch(value))


def is_warning(code: str) -> bool:
    """Codes starting with W are warnings: printed by validate and build, but they fail neither."""
    return code.startswith("W")


def did_you_mean(word: str, choices: list[str]) -> str:
    """The start of a hint naming the closest of ``choices``, or "" when none is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        text = f"{where}: {'warning' if is_warning(self.code) else 'error'}[{self.code}]: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


@dataclass
class Report:
    """All problems of one run, in the order of file, line, column. Only errors make it true (a failed run);
    warnings are reported with them."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, path: str | Path, line: int, column: int, code: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(str(path), line, column, code, message, hint))

    def extend(self, other: Report) -> None:
        self.problems.extend(other.problems)

    def __bool__(self) -> bool:
        return any(not is_warning(p.code) for p in self.problems)

    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if is_warning(p.code)]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))

    def format(self) -> str:
        problems = self.sorted()
        warnings = sum(is_warning(p.code) for p in problems)
        counts = [f"{len(problems) - warnings} error(s)"] if warnings < len(problems) or not problems else []
        counts += [f"{warnings} warning(s)"] if warnings else []
        files = len({p.path for p in problems})
        return "\n".join([*(p.format() for p in problems), f"{' and '.join(counts)} in {files} file(s)"])
