"""Each record's YAML file, byte for byte as read, published at records/<collection>/<id>.yaml so a reader
can download exactly what a page was built from."""

from __future__ import annotations

from pathlib import PurePosixPath

from ..graph import Graph
from ..urls import record_copy


def write(graph: Graph) -> dict[PurePosixPath, bytes]:
    return {record_copy(record.collection, record.id): graph.dataset.file_of(record).raw
            for record in graph.dataset.all()}
