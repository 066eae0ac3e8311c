"""Trials: registered clinical trials and unregistered clinical studies."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from .base import CURATOR_NOTE, Record, SourceRef, Strict
from .collection import Chart, Collection, Column, Facet, Rule, Synthetic, SyntheticIds
from .types import Markdown, Note, PartialDate, Ref, RegistryId, Text

Phase = Literal["preclinical", "early-1", "1", "1/2", "2", "2/3", "3", "4", "not-applicable"]
Status = Literal["planned", "recruiting", "active", "completed", "terminated", "withdrawn", "unknown"]


class Result(Strict):
    """What a study reported at one data cut-off: who was treated, how well it worked and what harm it did,
    together, as its publication gives them."""

    population: Text = Field(description="who was treated and assessed, with their number")
    efficacy: Markdown = Field(description="responses, survival and other benefit, with figures, in our own words")
    safety: Markdown | None = Field(None, description="adverse events with figures: grade 3 or worse, cytokine "
                                    "release syndrome, neurotoxicity, deaths")
    safety_note: Text | None = Field(None, description="why no safety figures are given (what the source lacks)")
    data_cutoff: PartialDate | None = Field(None, description="the data cut-off the figures are as of")
    sources: list[SourceRef] = Field(min_length=1, description="the sources that report these figures, the "
                                     "primary publication first when there is one")
    curator_note: Note | None = Field(None, description=CURATOR_NOTE)

    @model_validator(mode="after")
    def _safety_beside_efficacy(self) -> Result:
        if self.safety is None and self.safety_note is None:
            raise ValueError("a result gives efficacy without safety: add 'safety:' with the adverse events the "
                             "source reports, or 'safety_note:' saying why the source gives none")
        return self


class Trial(Record):
    """A registered trial or an unregistered clinical study (then registry_ids stays empty)."""

    collection = "trials"

    registry_ids: list[RegistryId] = Field(default_factory=list, description="registry ids (NCT, ChiCTR, CTR); "
                                           "empty for an unregistered study")
    acronym: Text | None = Field(None, description="the trial's short name, e.g. CT041-ST-01")
    study_type: Literal["interventional", "observational", "case-series", "preclinical"] = Field(
        "interventional", description="what sort of study")
    phase: Phase | None = Field(None, description="the phase, as registered or reported")
    phase_note: Text | None = Field(None, description="why no phase is given")
    status: Status | None = Field(None, description="recruitment status, as last registered or reported")
    status_as_of: PartialDate | None = Field(None, description="when the registry or report gave that status")
    design: Text | None = Field(None, description="the design in a line: arms, randomisation, blinding")
    conditions: list[Ref("diseases")] = Field(default_factory=list, description="the diseases studied")
    interventions: list[Ref("therapies")] = Field(default_factory=list, description="the therapies given")
    targets: list[Ref("targets")] = Field(default_factory=list, description="the molecules the therapies aim at")
    sponsors: list[Ref("organizations")] = Field(default_factory=list, description="who sponsors it")
    sites: list[Ref("organizations")] = Field(default_factory=list, description="where it runs")
    investigators: list[Ref("experts")] = Field(default_factory=list, description="investigators the sources name")
    enrollment: int | None = Field(None, ge=0, description="the number of participants")
    enrollment_as_of: PartialDate | None = Field(None, description="when that number was reported")
    start: PartialDate | None = Field(None, description="when it started")
    end: PartialDate | None = Field(None, description="when it ended or is expected to end")
    results: list[Result] = Field(default_factory=list, description="what the study reported: population, "
                                  "efficacy and safety together, each result with its data cut-off and sources")
    publications: list[Ref("sources")] = Field(default_factory=list, description="papers reporting the study")


def _synthetic(number: int, record_id: str, ids: SyntheticIds) -> dict[str, Any]:
    return {"id": record_id, "name": f"Synthetic phase 1 study {number}", "phase": "1",
            "conditions": ids.pick("diseases", 1), "interventions": ids.pick("therapies", 1),
            "targets": ids.pick("targets", 1), "investigators": ids.pick("experts", 2),
            "sites": ids.pick("organizations", 1), "enrollment": 10 + number % 90, "start": "2019-01",
            "end": "2022-12", "sources": (cited := ids.cite()),
            "results": [{"population": f"{10 + number % 90} synthetic patients", "efficacy": "Synthetic results. " * 6,
                         "safety": "Synthetic adverse events. " * 3, "sources": cited[:1]}]}


COLLECTION = Collection(
    model=Trial,
    title="Trials and studies",
    singular="Trial or study",
    intro="Registered trials and unregistered clinical studies.",
    position=70,
    columns=(Column("Name", "name", show="record"), Column("Registry ids", "registry_ids", show="text"),
             Column("Phase", "phase", show="raw", empty="—"), Column("Status", "status"),
             Column("Start", "start", show="raw"), Column("Conditions", "conditions"), Column("Targets", "targets"),
             Column("Sponsors", "sponsors"), Column("Enrolment", "enrollment")),
    facets=(Facet("Target", "targets"), Facet("Intervention", "interventions"), Facet("Phase", "phase"),
            Facet("Status", "status"), Facet("Disease", "conditions.lineage"), Facet("Sponsor", "sponsors")),
    backlinks={"sponsors": "Trials sponsored", "sites": "Trials at this site", "publications": "Studies reported"},
    rules=(
        Rule("E054", "trial has neither a phase nor a note saying why there is none",
             lambda trial: trial.phase is None and trial.phase_note is None,
             "add 'phase:' or 'phase_note:' saying why there is none"),
        Rule("E055", "trial names no condition", lambda trial: not trial.conditions,
             "add 'conditions: [<disease id>]'"),
        Rule("E056", "trial names neither an intervention nor a target",
             lambda trial: not trial.interventions and not trial.targets,
             "add 'interventions:' (therapies) or 'targets:'"),
    ),
    charts=(Chart("Trials and studies by phase", "phase", "Phase"),
            Chart("Trials and studies by start year", "start", "Year", year=True)),
    search_boost=1,
    search_fields=("acronym",),
    synthetic=Synthetic(0.17, _synthetic),
)
