"""Pydantic models, one per collection; the single source of truth for the record schema."""

from .base import Fact, Record
from .conferences import Conference
from .diseases import Disease
from .experts import Expert
from .organizations import Organization
from .sources import Source
from .targets import Target
from .therapies import Therapy
from .topics import Topic
from .trials import Trial

MODELS: dict[str, type[Record]] = {
    model.collection: model
    for model in (Expert, Organization, Conference, Therapy, Target, Disease, Trial, Topic, Source)
}

__all__ = ["MODELS", "Conference", "Disease", "Expert", "Fact", "Organization", "Record", "Source",
           "Target", "Therapy", "Topic", "Trial"]
