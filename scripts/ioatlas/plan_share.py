"""Generation on two cores: a forked process plans the outputs and a share of the page sets while this one plans
the rest, and each then writes its own files under docs/.

Page sets and outputs share nothing but the graph, which the child inherits when it forks (never copied
through a pipe). ``plan`` hands the child's files back, for callers that want every file in memory (diff,
tests). ``plan_and_write`` (``ioatlas generate`` and ``build``) keeps them where they were made: the child
says which paths it planned and which of them a hand-written file stands on, waits for the parent's word, and
writes only when neither process found such a file, so a refusal still changes nothing. Sending 200 MB of
files back and writing them all in one process took about 5 s at 10,000 synthetic records.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterable
from multiprocessing.connection import Connection
from pathlib import Path, PurePosixPath

from .docs_sync import (
    GenerationConflict,
    WriteSummary,
    conflict_message,
    conflicts,
    finish_sync,
    read_manifest,
    sync,
    write_planned,
)
from .graph import Graph
from .outputs import plan_outputs
from .pages import PAGE_SETS, plan_page_sets

Files = dict[PurePosixPath, bytes]
OUTPUTS_SHARE = 0.35  # planning every output costs about this share of planning every page (5,000 records)
_FORK = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def parallel() -> bool:
    """Whether generation is shared between two processes: on two or more cores where processes can fork."""
    return (os.cpu_count() or 1) > 1 and _FORK is not None


def forked_share(graph: Graph) -> tuple[str, ...]:
    """The page sets planned beside the outputs, largest first while that side is the lighter, so that the two
    processes take about as long (a set's cost is about the number of records it renders)."""
    sizes = {page_set.name: page_set.size(graph) for page_set in PAGE_SETS}
    forked, here = OUTPUTS_SHARE * sum(sizes.values()), 0.0
    chosen = []
    for name in sorted(sizes, key=lambda name: -sizes[name]):
        if forked < here:
            chosen.append(name)
            forked += sizes[name]
        else:
            here += sizes[name]
    return tuple(chosen)


def _in_order(by_set: dict[str, Files]) -> Files:
    return {path: text for page_set in PAGE_SETS if page_set.name in by_set
            for path, text in by_set[page_set.name].items()}


def _joined(pages: Iterable[PurePosixPath], outputs: Iterable[PurePosixPath]) -> None:
    clash = set(pages) & set(outputs)
    if clash:
        raise ValueError(f"an output writes {sorted(clash)[0]}, which is a page")


def plan(graph: Graph) -> Files:
    """Every generated file (docs-relative path -> content): pages in page-set order, then outputs; the same
    files in the same order whether planned in one process or two."""
    if not parallel():
        by_set, outputs = plan_page_sets(graph, [page_set.name for page_set in PAGE_SETS]), plan_outputs(graph)
    else:
        names = forked_share(graph)
        with _Child(graph, names, None) as child:
            by_set = plan_page_sets(graph, [p.name for p in PAGE_SETS if p.name not in names])
            forked_sets, outputs = child.receive()
        by_set.update(forked_sets)
    pages = _in_order(by_set)
    _joined(pages, outputs)
    return {**pages, **outputs}


def plan_and_write(docs_dir: Path, graph: Graph) -> WriteSummary:
    """Plan every generated file and bring docs/ in line with the plan (docs_sync), each process writing what it
    planned. A hand-written file where a generated one belongs stops the run before either process writes."""
    if not parallel():
        return sync(docs_dir, plan(graph))
    manifest = read_manifest(docs_dir)
    names = forked_share(graph)
    with _Child(graph, names, (docs_dir, manifest)) as child:
        here = _in_order(plan_page_sets(graph, [p.name for p in PAGE_SETS if p.name not in names]))
        forked_pages, forked_outputs, forked_conflicts = child.receive()
        _joined([*here, *forked_pages], forked_outputs)
        found = sorted({*conflicts(docs_dir, here, manifest), *forked_conflicts})
        child.answer(not found)
        if found:
            raise GenerationConflict(conflict_message(docs_dir, found))
        summary = write_planned(docs_dir, here)
        forked: WriteSummary = child.receive()
    summary.written = sorted([*summary.written, *forked.written])
    summary.unchanged += forked.unchanged
    return finish_sync(docs_dir, manifest, [*here, *forked_pages, *forked_outputs], summary)


def _child_work(connection: Connection, graph: Graph, names: tuple[str, ...],
                writing: tuple[Path, set[PurePosixPath]] | None) -> None:
    try:
        by_set, outputs = plan_page_sets(graph, names), plan_outputs(graph)
        if writing is None:
            connection.send((True, (by_set, outputs)))
            return
        docs_dir, manifest = writing
        files = {**_in_order(by_set), **outputs}
        pages = [path for page_set in by_set.values() for path in page_set]
        connection.send((True, (pages, list(outputs), conflicts(docs_dir, files, manifest))))
        if connection.recv():  # the parent's word: True when neither process found a hand-written file
            connection.send((True, write_planned(docs_dir, files)))
    except (EOFError, BrokenPipeError):
        pass  # the parent stopped listening (it failed, or refused the run): nothing more to do or say
    except BaseException as error:  # handed to the parent, which raises it
        with contextlib.suppress(OSError):
            connection.send((False, error))
    finally:
        connection.close()


class _Child:
    """The forked process, from fork to exit; leaving the block early stops it."""

    def __init__(self, graph: Graph, names: tuple[str, ...], writing: tuple[Path, set[PurePosixPath]] | None):
        assert _FORK is not None
        self.connection, theirs = _FORK.Pipe()
        self.process = _FORK.Process(target=_child_work, args=(theirs, graph, names, writing), daemon=True)
        self.process.start()
        theirs.close()

    def __enter__(self) -> _Child:
        return self

    def receive(self) -> object:
        try:
            ok, value = self.connection.recv()
        except EOFError:
            raise RuntimeError(f"the forked planning process ended without an answer (exit "
                               f"{self.process.exitcode})") from None
        if not ok:
            raise value
        return value

    def answer(self, go: bool) -> None:
        self.connection.send(go)

    def __exit__(self, *exc: object) -> None:
        self.connection.close()  # a child waiting for the parent's word reads the end and stops
        self.process.join(timeout=None if exc[0] is None else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
