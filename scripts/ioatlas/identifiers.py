"""Outside identifiers records may carry: their formats and check digits, and their schemes.

Each checker returns None when the value is valid, or a message saying what is wrong. NCT, CTR,
ChiCTR and PMID have no check digit, so only their shape is checked; ORCID (ISO 7064 MOD 11-2)
and ROR (ISO 7064 MOD 97-10 over Crockford base32) carry one and it is verified.

A ``Scheme`` says where a reader goes to see an identifier and what a link check fetches to prove it
exists. Pages, link collection and structured data read the scheme off the value's type
(``models.types.Identifier``), never off the name of the field that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

_NCT = re.compile(r"NCT\d{8}")
_CTR = re.compile(r"CTR\d{8}")
# ChiCTR ids: old style ChiCTR-TRC-12002345 / ChiCTR-IOR-15006789, new style ChiCTR2000031234
_CHICTR = re.compile(r"ChiCTR(?:-[A-Z]{2,5}-\d{8}|\d{10})")
_DOI = re.compile(r"10\.\d{4,9}/[^\s]+")
_PMID = re.compile(r"[1-9]\d{0,8}")
_ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
_ROR = re.compile(r"0[0-9a-hjkmnp-tv-z]{6}\d{2}")
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def orcid_check_digit(base_digits: str) -> str:
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def ror_checksum(body: str) -> str:
    number = 0
    for char in body:
        number = number * 32 + _CROCKFORD.index(char)
    return f"{98 - (number * 100) % 97:02d}"


def check_nct(value: str) -> str | None:
    return None if _NCT.fullmatch(value) else "an NCT number is 'NCT' and eight digits, e.g. NCT02395250"


def check_ctr(value: str) -> str | None:
    return None if _CTR.fullmatch(value) else "a China drug-trial (CTR) number is 'CTR' and eight digits"


def check_chictr(value: str) -> str | None:
    if _CHICTR.fullmatch(value):
        return None
    return "a ChiCTR id looks like ChiCTR2000031234 or ChiCTR-IOR-15006789"


def check_registry_id(value: str) -> str | None:
    """Any trial registry id we accept, chosen by its prefix."""
    for prefix, checker in (("NCT", check_nct), ("ChiCTR", check_chictr), ("CTR", check_ctr)):
        if value.upper().startswith(prefix.upper()):
            if not value.startswith(prefix):
                return f"write the prefix as '{prefix}'"
            return checker(value)
    return "registry ids start with NCT (ClinicalTrials.gov), ChiCTR or CTR (China drug trials)"


def check_doi(value: str) -> str | None:
    if value.lower().startswith(("https://doi.org/", "http://dx.doi.org/", "doi:")):
        return "write the bare DOI, without 'https://doi.org/' or 'doi:'"
    return None if _DOI.fullmatch(value) else "a DOI starts with '10.', a registrant code, '/' and a suffix"


def check_pmid(value: str) -> str | None:
    return None if _PMID.fullmatch(value) else "a PMID is a number of up to nine digits, without leading zeros"


def check_orcid(value: str) -> str | None:
    if not _ORCID.fullmatch(value):
        return "an ORCID iD is four groups of four digits, e.g. 0000-0002-1825-0097"
    digits = value.replace("-", "")
    if orcid_check_digit(digits[:-1]) != digits[-1]:
        return "the ORCID iD's check digit does not match; copy it again from orcid.org"
    return None


def check_ror(value: str) -> str | None:
    if value.startswith("https://ror.org/"):
        return "write the bare ROR id, without 'https://ror.org/'"
    if not _ROR.fullmatch(value):
        return "a ROR id is '0', six letters or digits and a two-digit checksum, e.g. 05dxps055"
    if ror_checksum(value[:7]) != value[7:]:
        return "the ROR id's checksum does not match; copy it again from ror.org"
    return None


CHECKERS: dict[str, Callable[[str], str | None]] = {
    "registry_id": check_registry_id,
    "doi": check_doi,
    "pmid": check_pmid,
    "orcid": check_orcid,
    "ror": check_ror,
}


@dataclass(frozen=True)
class Scheme:
    """How a reader reaches an identifier (``page``) and what a link check fetches to prove it (``probe``).

    In both templates ``{}`` stands for the identifier, percent-encoded ('/' kept). A scheme without a page is
    shown as plain text; one without a probe is never fetched.
    """

    name: str
    page: str | None = None
    probe: str | None = None
    autolink: bool = False  # the value is itself the address, shown as <address>

    def url(self, value: str) -> str | None:
        """The address a reader follows, or None when the scheme has no public page."""
        return self._fill(self.page, value)

    def probe_url(self, value: str) -> str | None:
        return self._fill(self.probe, value)

    def _fill(self, template: str | None, value: str) -> str | None:
        if template is None:
            return None
        return value if self.autolink else template.format(quote(value, safe="/"))


WEB = Scheme("url", page="{}", probe="{}", autolink=True)
# doi.org's handle API answers 200 for a registered DOI and 404 for an unknown one (DOI Handbook, "REST API
# Response Format"), without sending us on to publishers' pages, which often refuse robots.
DOI = Scheme("doi", page="https://doi.org/{}", probe="https://doi.org/api/handles/{}")
PMID = Scheme("pmid", page="https://pubmed.ncbi.nlm.nih.gov/{}/", probe="https://pubmed.ncbi.nlm.nih.gov/{}/")
# ClinicalTrials.gov's study page answers 200 even for unknown ids; its API answers 404, so it is the probe.
NCT = Scheme("nct", page="https://clinicaltrials.gov/study/{}",
             probe="https://clinicaltrials.gov/api/v2/studies/{}?fields=NCTId")
CHICTR = Scheme("chictr")
CTR = Scheme("ctr")
# ORCID and ROR carry check digits verified offline; their sites are script apps that answer 200 for anything.
ORCID = Scheme("orcid", page="https://orcid.org/{}")
ROR = Scheme("ror", page="https://ror.org/{}")

_REGISTRY_SCHEMES = (("NCT", NCT), ("ChiCTR", CHICTR), ("CTR", CTR))
SCHEMES: dict[str, Scheme] = {"doi": DOI, "pmid": PMID, "orcid": ORCID, "ror": ROR, "url": WEB}


def scheme_of(kind: str, value: str) -> Scheme:
    """The scheme of a valid ``value`` of checker ``kind`` (a registry id's scheme follows its prefix)."""
    if kind == "registry_id":
        return next(scheme for prefix, scheme in _REGISTRY_SCHEMES if value.startswith(prefix))
    return SCHEMES[kind]
