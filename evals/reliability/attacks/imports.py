"""(not written yet)"""
from __future__ import annotations

from evals.reliability.lab import Attack


def attacks() -> list[Attack]:
    return []
