"""Field types shared by every collection: identifiers first, then text, dates and references.

Errors raised here use ``PydanticCustomError`` types that the validator maps to error codes
(``identifier`` -> E020, ``unsafe_text`` -> E060); everything else is E012.

Identifier and URL fields hold ``Identifier`` values: strings that carry their ``Scheme``, so pages,
link checks and structured data find them by type, the way references are found by ``RefTo``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from ..identifiers import CHECKERS, WEB, Scheme, scheme_of

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RAW_HTML = re.compile(r"<\s*[a-zA-Z!/?]")
# Possessive quantifiers: a long run of blanks after '](' must not cost quadratic time.
_SCHEME = r"<?[ \t]*+(?!https?://|#|\.{0,2}/)([a-zA-Z][a-zA-Z0-9+.-]*+):"
_BAD_LINK = re.compile(r"\]\(\s*+" + _SCHEME, re.IGNORECASE)
# A reference definition '[label]: target' (footnotes '[^1]: text' excepted), target on the same or next line.
_BAD_REFERENCE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\[\]\n]*\]:[ \t]*+(?:\n[ \t]*+)?" + _SCHEME,
                            re.IGNORECASE | re.MULTILINE)
_LINK_NOISE = str.maketrans("", "", "\\\t\n\r")
_REFERENCE_NOISE = str.maketrans("", "", "\\\t\r")
# Python-Markdown's attr_list turns '{onclick=…}' after a link, emphasis, heading or paragraph into HTML
# attributes. In prose a '{' that is not backslash-escaped and has a '}' after it on its line is refused
# (whatever lies between: '{\\{ onclick=…}' is an attribute list too, once Markdown has read the escape).
_UNESCAPED_BRACE = re.compile(r"(?<!\\)(?:\\\\)*+\{")
# RFC 3986 characters, plus any non-ASCII letter (IRIs); no '|' (it splits table cells), no quotes or
# brackets of HTML, no backslash or backtick (Markdown escapes), no blanks or control characters.
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%\u00a0-\U0010ffff]+")
_BLANKS = re.compile(r"[\s\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class Identifier(str):
    """An outside identifier or web address that knows its scheme (where a reader sees it, what proves it)."""

    scheme: Scheme

    def __new__(cls, value: str, scheme: Scheme) -> Identifier:
        made = super().__new__(cls, value)
        made.scheme = scheme
        return made

    def __reduce__(self) -> tuple[type[Identifier], tuple[str, Scheme]]:
        return (Identifier, (str(self), self.scheme))

    @property
    def url(self) -> str | None:
        """The address a reader follows, or None when the scheme has no public page."""
        return self.scheme.url(self)


def _identifier(kind: str) -> AfterValidator:
    checker = CHECKERS[kind]

    def check(value: str) -> Identifier:
        problem = checker(value)
        if problem:
            raise PydanticCustomError("identifier", "invalid {kind} '{value}': {problem}",
                                      {"kind": kind.replace("_", " "), "value": value, "problem": problem})
        return Identifier(value, scheme_of(kind, value))

    return AfterValidator(check)


def _record_id(value: str) -> str:
    if not ID_PATTERN.fullmatch(value):
        suggestion = "-".join(re.findall(r"[a-z0-9]+", value.lower()))
        raise PydanticCustomError("record_id", "'{value}' is not a valid record id; ids are lowercase "
                                  "letters and digits joined by single hyphens, e.g. '{suggestion}'",
                                  {"value": value, "suggestion": suggestion or "wang-baocheng"})
    return value


def _safe_text(value: str) -> str:
    if _RAW_HTML.search(value):
        raise PydanticCustomError("unsafe_text", "raw HTML is not allowed in text: {snippet}",
                                  {"snippet": _RAW_HTML.search(value).group(0) + "…"})
    # Markdown drops the backslash of any escaped character inside a link target, and browsers drop tabs
    # and newlines inside a URL: 'java\\script:' and 'java<newline>script:' are both 'javascript:'.
    bad_link = _BAD_LINK.search(value.translate(_LINK_NOISE))
    if bad_link:
        raise PydanticCustomError("unsafe_text", "links may only point to http(s) addresses: {snippet}",
                                  {"snippet": bad_link.group(0) + "…"})
    return value


_IMAGE = re.compile(r"!\[[^\]\n]*\][ \t]*[(\[]")


def _safe_prose(value: str) -> str:
    """Markdown prose: what _safe_text refuses, plus the Markdown that would reach past it into HTML."""
    _safe_text(value)
    image = _IMAGE.search(value)
    if image:
        # an image would make the page load from another host, which the site promises never to do
        raise PydanticCustomError("unsafe_text", "images are not allowed in prose: {snippet}; link to the "
                                  "picture's page with [text](https://…) instead", {"snippet": image.group(0) + "…"})
    bad_reference = _BAD_REFERENCE.search(value.translate(_REFERENCE_NOISE))
    if bad_reference:
        raise PydanticCustomError("unsafe_text", "links may only point to http(s) addresses: {snippet}",
                                  {"snippet": bad_reference.group(0).strip() + "…"})
    for line in value.splitlines():
        brace = _UNESCAPED_BRACE.search(line)
        if brace and "}" in line[brace.end():]:
            raise PydanticCustomError("unsafe_text", "attribute lists are not allowed in prose: {snippet}; "
                                      "write a brace that is meant as text as \\{",
                                      {"snippet": line[brace.end() - 1:][:40]})
    return value


def _one_line(value: str) -> str:
    if "\n" in value.strip():
        raise PydanticCustomError("one_line", "this field is a single line of text; use 'summary' for prose")
    if not _BLANKS.sub("", value):
        raise PydanticCustomError("blank_text", "this field holds only blanks; write the text, or leave out "
                                  "a field that is optional")
    return value.strip()


def _http_url(value: str) -> Identifier:
    if not _URL.fullmatch(value) or _BLANKS.search(value):
        raise PydanticCustomError("unsafe_text", "'{value}' is not an http(s) URL (characters such as '|', "
                                  "quotes, blanks or '<' must be percent-encoded)", {"value": value[:80]})
    return Identifier(value, WEB)


def _partial_date(value: Any) -> Any:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD (YAML may already have made a date of the last)."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("partial_date", "write a date without a time: YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        raise PydanticCustomError("partial_date", "a date is YYYY, YYYY-MM or YYYY-MM-DD")
    match = _PARTIAL_DATE.fullmatch(value)
    if not match:
        raise PydanticCustomError("partial_date", "'{value}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
                                  {"value": value})
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as err:
        raise PydanticCustomError("partial_date", "'{value}' is not a real date ({reason})",
                                  {"value": value, "reason": str(err)}) from err
    return value


@dataclass(frozen=True)
class RefTo:
    """Marks a string field as the id of a record in ``collection``; ``cites`` marks a citation of a source
    (shown under "Cited by" on the source's page) rather than a relation to it."""

    collection: str
    cites: bool = False


def Ref(collection: str, *, cites: bool = False) -> Any:
    return Annotated[str, AfterValidator(_record_id), RefTo(collection, cites),
                     Field(json_schema_extra={"x-kind": f"id of a record in {collection}", "x-ref": collection})]


def _kind(text: str) -> Any:
    """Human description of a field type, carried into the JSON Schema and the field reference page."""
    return Field(json_schema_extra={"x-kind": text})


RecordId = Annotated[str, AfterValidator(_record_id), _kind("record id: lowercase-kebab-case, equal to the file name")]
Text = Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_one_line), AfterValidator(_safe_text),
                 _kind("one line of text, no HTML")]
Markdown = Annotated[str, Field(min_length=1, max_length=8000), AfterValidator(_safe_prose),
                     _kind("Markdown prose, no raw HTML, links only to http(s)")]
Url = Annotated[str, Field(max_length=2000), AfterValidator(_http_url), _kind("http(s) URL")]
PartialDate = Annotated[str, BeforeValidator(_partial_date), _kind("date: YYYY, YYYY-MM or YYYY-MM-DD")]
RegistryId = Annotated[str, _identifier("registry_id"), _kind("trial registry id: NCT…, ChiCTR…, CTR…")]
Doi = Annotated[str, _identifier("doi"), _kind("DOI, bare (10.xxxx/…)")]
Pmid = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v), _identifier("pmid"),
                 _kind("PubMed id (digits)")]
Orcid = Annotated[str, _identifier("orcid"), _kind("ORCID iD with valid check digit")]
Ror = Annotated[str, _identifier("ror"), _kind("ROR id with valid checksum, bare")]


def _iso_date(value: Any) -> str:
    """Accept a full calendar date only: YYYY-MM-DD (YAML may already have made a date of it)."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("iso_date", "write a date without a time: YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError as err:
            raise PydanticCustomError("iso_date", "'{value}' is not a real date", {"value": value}) from err
    raise PydanticCustomError("iso_date", "write the full date as YYYY-MM-DD")


def _not_blank(value: str) -> str:
    if not _BLANKS.sub("", value):
        raise PydanticCustomError("blank_text", "this field holds only blanks; write the text or leave it out")
    return value.strip()


@dataclass(frozen=True)
class NeverShown:
    """Marks a field that no page shows: notes and bookkeeping for curators."""


IsoDate = Annotated[str, BeforeValidator(_iso_date), _kind("full date: YYYY-MM-DD")]
Note = Annotated[str, Field(min_length=1, max_length=4000), AfterValidator(_not_blank), NeverShown(),
                 _kind("text for curators, never shown on the site")]


def date_key(value: str) -> tuple[int, int, int]:
    """Sort key of a partial date; a missing month or day sorts first."""
    year, month, day = ([int(p) for p in value.split("-")] + [0, 0])[:3]
    return year, month, day
