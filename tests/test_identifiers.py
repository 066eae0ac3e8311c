from __future__ import annotations

import pytest

from ioatlas.identifiers import (
    check_chictr,
    check_doi,
    check_orcid,
    check_pmid,
    check_registry_id,
    check_ror,
    orcid_check_digit,
)


@pytest.mark.parametrize("value", ["NCT02395250", "NCT04581473", "CTR20192510", "ChiCTR2000031234",
                                   "ChiCTR-IOR-15006789"])
def test_valid_registry_ids(value: str) -> None:
    assert check_registry_id(value) is None


@pytest.mark.parametrize("value", ["NCT0239525", "nct02395250", "NCT023952500", "CTR2019251", "ISRCTN12345678",
                                   "ChiCTR20000312", ""])
def test_invalid_registry_ids(value: str) -> None:
    assert check_registry_id(value)


def test_chictr_shapes() -> None:
    assert check_chictr("ChiCTR-TRC-12002345") is None
    assert check_chictr("ChiCTR-12002345")


def test_doi() -> None:
    assert check_doi("10.1158/1078-0432.CCR-19-3259") is None
    assert check_doi("10.1016/S0140-6736(25)00860-8") is None
    assert "bare DOI" in (check_doi("https://doi.org/10.1056/NEJMoa2313812") or "")
    assert check_doi("11.1000/x")


def test_pmid() -> None:
    assert check_pmid("38657244") is None
    assert check_pmid("0123")
    assert check_pmid("12a")


def test_orcid_checksum() -> None:
    # ORCID's documented example iD
    assert orcid_check_digit("000000021825009") == "7"
    assert check_orcid("0000-0002-1825-0097") is None
    assert "check digit" in (check_orcid("0000-0002-1825-0098") or "")
    assert check_orcid("0000-0002-1825-009")


def test_ror_checksum() -> None:
    # ROR's documented example ids
    assert check_ror("05dxps055") is None
    assert check_ror("02mhbdp94") is None
    assert "checksum" in (check_ror("05dxps056") or "")
    assert "bare ROR" in (check_ror("https://ror.org/05dxps055") or "")
