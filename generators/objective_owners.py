"""The departments each IP objective is deployed to (templates/objective_owners.yaml): those doing
the work the objective measures, named with the variables the procedures use for that work, so
the manual's 6.3 and the objectives form R08 name who does it as the procedures do."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml


@lru_cache(maxsize=8)
def _rules(directory: str) -> tuple[dict, ...]:
    """objective_owners.yaml of a templates directory ((), when it has none)."""
    path = Path(directory) / "objective_owners.yaml"
    return tuple(yaml.safe_load(path.read_text("utf-8")) or ()) if path.is_file() else ()


def _rule_for(objective: str, rules) -> dict | None:
    """The first rule one of whose words the objective contains (case-insensitive)."""
    text = objective.casefold()
    return next((r for r in rules if any(w.casefold() in text for w in r["objective"])), None)


_VARIABLE = re.compile(r"\{\{\s*(\w+)\.(\w+)\s*\}\}")


def _owner(template: str, templates, context: dict) -> str:
    """One owner entry's department: a bare `{{ dept.rd }}` looked up as the value itself (a
    JointName keeps its parts, so depts() articles each: 'the Drug Research Institute and the
    Clinical and Regulatory Affairs'), anything else rendered."""
    bare = _VARIABLE.fullmatch(template.strip())
    if bare and isinstance(context.get(bare[1]), dict) and bare[2] in context[bare[1]]:
        return context[bare[1]][bare[2]]
    return templates.render(template, context)


def objective_owners(objectives, templates, context: dict) -> list[list[str]]:
    """[[department names] per objective], each list in the order the rule gives, each name once;
    the IP department (`dept.ip`) for an objective no rule matches. Reads `dept` and `role`."""
    rules = _rules(str(templates.directory))
    out = []
    for objective in objectives:
        rule = _rule_for(str(objective), rules)
        names = ([_owner(o, templates, context) for o in rule["owners"]] if rule
                 else [context["dept"]["ip"]])
        out.append(list(dict.fromkeys(n for n in names if n)))
    return out


def all_owners(owners: list[list[str]], departments: list[str]) -> list[str]:
    """Every department some objective is deployed to, once each, in the order of the
    organisation chart (`departments`); a name not in it (a joint name) follows in the order met."""
    met = list(dict.fromkeys(n for names in owners for n in names))
    return sorted(met, key=lambda n: departments.index(n) if n in departments else len(departments))
