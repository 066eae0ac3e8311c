"""Our generated pages' front matter is read without PyYAML (ioatlas.front_matter) to exactly the values MkDocs'
own reader gives; anything outside the narrow shape we write goes to MkDocs' reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.utils import meta

from ioatlas import front_matter
from ioatlas.pages import MARKER


def test_every_generated_page_is_read_as_mkdocs_reads_it(real_built_repo: Path) -> None:
    pages = [path for path in sorted((real_built_repo / "docs").rglob("*.md"))
             if path.read_text(encoding="utf-8").startswith(f"---\n{MARKER}\n")]
    assert len(pages) > 200
    for path in pages:
        source = path.read_text(encoding="utf-8")
        fast = front_matter.read(source)
        assert fast is not None, f"{path}: our own shape, yet left to PyYAML"
        assert fast == meta.get_data(source), path


HEAD = f"---\n{MARKER}\n"


@pytest.mark.parametrize("front", [
    'title: "A \\u00e9 \\"quoted\\" \\/ \\\\ title"\nbody: html\n',
    'title: "汉字 and 中文"\nsearch:\n  exclude: true\n  boost: 0.2\n',
    'search:\n  boost: 2\nrank: "x"\n',
])
def test_our_shapes_give_what_pyyaml_gives(front: str) -> None:
    source = HEAD + front + "---\n\n<p>Text</p>\n"
    assert front_matter.read(source) == meta.get_data(source)


@pytest.mark.parametrize("front", [
    'title: "\\ud83d\\ude00"\n',  # an escaped surrogate pair: JSON joins it, PyYAML does not
    'title: "\u0007"\n', 'title: "a\x7fb"\n',  # characters PyYAML refuses: MkDocs then keeps the text
    "flag: yes\n", "flag: Off\n", "thing: null\n", "on: x\n",  # YAML 1.1 booleans and null
    "search:\n  boost: 01\n", "search:\n  boost: 1e3\n", "search:\n",  # numbers YAML 1.1 reads its own way
    "title: two words\n", "list: [a, b]\n", "title: 'single'\n", "...\n",
])
def test_any_other_shape_is_left_to_mkdocs(front: str) -> None:
    assert front_matter.read(HEAD + front + "---\n\nText\n") is None


def test_pages_not_generated_are_left_to_mkdocs() -> None:
    assert front_matter.read("---\ntitle: Hand\n---\n\n# Hand\n") is None
    assert front_matter.read("# No front matter\n") is None
