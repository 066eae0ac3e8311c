"""The Jinja2 environment of the pages still written in Markdown (the landscape, the Data page), and the helpers
the HTML environment of record pages, indexes and the timeline shares (record_html.py).

Every value printed with ``{{ }}`` is escaped for Markdown and HTML (``finalize``) unless a helper already
made it ``Markup``: a link, a citation mark, a label. Templates receive ready values and rows; they hold
layout, not joins.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..markdown_text import escape_inline

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MARKER = "generated_by: ioatlas"  # the first front-matter line of every generated page


def label_text(value: object) -> str:
    """A vocabulary word as readers see it: 'tumour-antigen' -> 'Tumour antigen'."""
    return str(value).replace("-", " ").capitalize()


def label(value: object) -> Markup:
    """``label_text``, escaped for Markdown."""
    return escape_inline(label_text(value))


def nonblank(text: str) -> Markup:
    return Markup("\n".join(line for line in str(text).splitlines() if line.strip()))


_ESCAPED_IN_FRONT_MATTER = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


def front_matter(value: object) -> Markup:
    """``value`` written for a page's YAML front matter, as JSON (which YAML reads as it is). Unlike Jinja's
    ``tojson`` it leaves characters beyond the Basic Multilingual Plane (emoji, rare CJK) as they are: PyYAML
    cannot join the surrogate pair JSON would escape them to, and MkDocs then drops the whole front matter.
    Characters YAML reads as line breaks or refuses are escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return Markup(_ESCAPED_IN_FRONT_MATTER.sub(lambda char: f"\\u{ord(char.group()):04x}", text))


def template_environment(loader: jinja2.BaseLoader, finalize: Callable[[Any], Any]) -> jinja2.Environment:
    """The settings every page template renders with; ``finalize`` escapes what ``{{ }}`` prints."""
    return jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # so macros and blocks return Markup; finalize does the escaping
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def make_environment() -> jinja2.Environment:
    """The environment of this process for the templates in ``TEMPLATES``: they are compiled once, and again only
    when their file changes (Jinja's ``auto_reload``), so ``ioatlas serve`` does not compile them on every
    regeneration."""
    return _environment(TEMPLATES)


@functools.cache
def _environment(folder: Path) -> jinja2.Environment:
    env = template_environment(jinja2.FileSystemLoader(folder),
                               finalize=lambda value: "" if value is None else escape_inline(value))
    env.globals.update(marker=Markup(MARKER))
    return env
