"""What is fetched to prove that an outside link works (shared by link collection and the checker)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Target:
    url: str
    follow_redirects: bool = True  # False: a redirect itself proves the link (doi.org answers 302)
