"""Who drafts, reviews and approves each type of document: one rule for the whole package.

Every place that names an approval authority — the control block on the cover of the manual and
of each procedure, the forms' approval rows, the document-control procedure's 审核与批准 step and
the manual's document-control texts (through the template variable `approval`) — asks this module,
so the package cannot contradict itself.

The rule: `documents.approvals.<kind>` of the intake (kind = manual, procedure or form) when the
intake gives it; for a kind it does not give, the manual's cover-block names
`documents.reviewed_by` / `documents.approved_by`. Every document is drafted by
`documents.drafted_by` (the person who organises the drafting of the package).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from generators.intake import Intake

Kind = Literal["manual", "procedure", "form"]
KINDS: tuple[Kind, ...] = ("manual", "procedure", "form")


@dataclass(frozen=True)
class Approval:
    """The names (persons or roles, as the intake writes them) on one type of document."""

    drafted_by: str
    reviewed_by: str
    approved_by: str


def approval(intake: Intake, kind: Kind) -> Approval:
    """Who drafts, reviews and approves documents of `kind` ('manual', 'procedure', 'form'):
    the intake's documents.approvals.<kind>, else documents.reviewed_by / approved_by.
    ValueError for another kind."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}; one of {', '.join(KINDS)}")
    docs = intake.documents
    given = getattr(docs.approvals, kind, None) if docs.approvals is not None else None
    if given is None:
        return Approval(docs.drafted_by, docs.reviewed_by, docs.approved_by)
    return Approval(docs.drafted_by, given.reviewed_by, given.approved_by)


def approvals(intake: Intake) -> dict[str, Approval]:
    """{'manual': Approval, 'procedure': Approval, 'form': Approval}."""
    return {kind: approval(intake, kind) for kind in KINDS}


def template_context(intake: Intake) -> dict[str, dict[str, str]]:
    """The template variable `approval`: {kind: {drafted_by, reviewed_by, approved_by}}, e.g.
    `{{ approval.procedure.approved_by }}`."""
    return {kind: asdict(a) for kind, a in approvals(intake).items()}
