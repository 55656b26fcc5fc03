"""`ipms eval`: run the product and the reference system over an eval set, print tables per type
and per language, write JSON and Markdown reports, and check the committed gate thresholds."""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.corpus.store import Corpus
from assistant.models import Answer
from assistant.settings import Settings
from evals import metrics as m
from evals.schema import EvalItem, load_set

EVALS_DIR = Path(__file__).resolve().parent
THRESHOLDS = EVALS_DIR / "thresholds.json"
TYPE_ORDER = ["lookup", "ambiguous", "nonexistent", "paraphrase_zh", "paraphrase_en", "scenario",
              "other_doc", "out_of_scope", "crosswalk", "transition", "unknown_standard"]


@dataclass
class ItemResult:
    item: EvalItem
    answer: Answer
    latency_ms: float
    gold: list[frozenset] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"id": self.item.id, "type": self.item.type, "language": self.item.language,
                "question": self.item.question, "gold": self.item.gold,
                "abstained": self.answer.abstained,
                "ranked": [f"{d} {k}" for d, k in self.answer.ranked[:5]],
                "cited": [f"{c.doc} {c.clause}" for c in self.answer.citations],
                "hit@1": m.hit_at_1(self.answer.ranked, self.gold) if self.item.answerable else None,
                "latency_ms": round(self.latency_ms, 2)}


def run_system(answer: Callable[[str], Answer], items: list[EvalItem], corpus: Corpus
               ) -> list[ItemResult]:
    results = []
    for item in items:
        start = time.perf_counter()
        result = answer(item.question)
        elapsed = (time.perf_counter() - start) * 1000
        results.append(ItemResult(item, result, elapsed, m.gold_subtrees(corpus, item.doc, item.gold)))
    return results


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(results: list[ItemResult], corpus: Corpus) -> dict[str, float | int | None]:
    """The metrics of one group of item results."""
    answerable = [r for r in results if r.item.answerable]
    counts = [m.citation_counts(r.answer.keys, r.gold) for r in answerable]
    citations = [c for r in results for c in r.answer.citations]
    verdicts = [m.quote_verdict(corpus, c) for c in citations]
    cited_total = sum(c.total for c in counts)
    abstained = [r.answer.abstained for r in results]
    answerable_flags = [r.item.answerable for r in results]
    return {
        "n": len(results),
        "answerable": len(answerable),
        "hit@1": _mean([m.hit_at_1(r.answer.ranked, r.gold) for r in answerable]),
        "recall@5": _mean([m.recall_at_k(r.answer.ranked, r.gold, 5) for r in answerable]),
        "mrr": _mean([m.reciprocal_rank(r.answer.ranked, r.gold) for r in answerable]),
        "citation_precision": (sum(c.correct for c in counts) / cited_total) if cited_total else None,
        "citation_recall": _mean([c.gold_covered / c.gold_total for c in counts if c.gold_total]),
        "citation_validity": _mean([1.0 if m.citation_valid(corpus, c) else 0.0 for c in citations]),
        "quote_fidelity": _mean([1.0 if v == "verbatim" else 0.0 for v in verdicts]),
        "misattributed_quotes": sum(1 for v in verdicts if v == "misattributed"),
        "abstention_recall": m.abstention_recall(abstained, answerable_flags),
        "abstention_precision": m.abstention_precision(abstained, answerable_flags),
        "false_abstention": m.false_abstention(abstained, answerable_flags),
        "latency_p50_ms": m.percentile([r.latency_ms for r in results], 0.5),
        "latency_p95_ms": m.percentile([r.latency_ms for r in results], 0.95),
    }


def grouped(results: list[ItemResult], corpus: Corpus) -> dict[str, dict]:
    by_type = {t: [r for r in results if r.item.type == t] for t in TYPE_ORDER}
    by_lang = {f"lang:{lang}": [r for r in results if r.item.language == lang] for lang in ("zh", "en")}
    # How a question is written (the blind set's `kind`): kind:traditional against
    # kind:simplified compares the twins.
    by_kind = {f"kind:{k}": [r for r in results if r.item.kind == k]
               for k in sorted({r.item.kind for r in results if r.item.kind})}
    def searched_in(result: ItemResult, question: str, document: str) -> bool:
        """An answerable question in one language, not a clause-number lookup, whose gold
        clauses are in a document of the other."""
        item = result.item
        found = corpus.documents.get(item.doc or "")
        return (item.answerable and item.type not in ("lookup", "ambiguous")
                and item.language == question and found is not None
                and found.meta.language == document)

    # Groups the gate speaks of. Questions about the other documents by language, and the
    # cross-language questions: Chinese questions about the English documents, English questions
    # about the Chinese ones (the bj-ipm paraphrases and the Chinese notices).
    extra = {
        "other_doc:zh": [r for r in results if r.item.type == "other_doc" and r.item.language == "zh"],
        "other_doc:en": [r for r in results if r.item.type == "other_doc" and r.item.language == "en"],
        "zh_on_en_docs": [r for r in results if searched_in(r, "zh", "en")],
        "en_on_zh_docs": [r for r in results if searched_in(r, "en", "zh")],
        "unanswerable": [r for r in results if not r.item.answerable],
        "answerable": [r for r in results if r.item.answerable],
    }
    out = {"overall": summarize(results, corpus)}
    for name, group in {**by_type, **by_lang, **by_kind, **extra}.items():
        if group:
            out[name] = summarize(group, corpus)
    return out


COLUMNS = [("n", "n"), ("hit@1", "hit@1"), ("recall@5", "R@5"), ("mrr", "MRR"),
           ("citation_precision", "citP"), ("citation_recall", "citR"),
           ("citation_validity", "valid"), ("quote_fidelity", "quote"),
           ("abstention_recall", "abst"), ("abstention_precision", "abstP"),
           ("false_abstention", "falseAbst"),
           ("latency_p50_ms", "p50ms"), ("latency_p95_ms", "p95ms")]


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}" if value <= 1.0 else f"{value:.1f}"


def table(groups: dict[str, dict], title: str) -> str:
    header = "| group | " + " | ".join(label for _, label in COLUMNS) + " |"
    rule = "|---" * (len(COLUMNS) + 1) + "|"
    rows = [f"| {name} | " + " | ".join(_cell(g[key]) for key, _ in COLUMNS) + " |"
            for name, g in groups.items()]
    return "\n".join([f"### {title}", "", header, rule, *rows])


COMPARED = ["hit@1", "recall@5", "mrr", "citation_precision", "citation_recall",
            "citation_validity", "quote_fidelity", "abstention_recall"]


def comparison(ours: dict, reference: dict) -> str:
    lines = ["### Ours vs the reference system (overall)", "",
             "| metric | ours | reference | ours / reference |", "|---|---|---|---|"]
    for key in COMPARED:
        a, b = ours["overall"][key], reference["overall"][key]
        ratio = "–" if a is None or not b else f"{a / b:.2f}×"
        lines.append(f"| {key} | {_cell(a)} | {_cell(b)} | {ratio} |")
    return "\n".join(lines)


def check_gate(groups: dict[str, dict], thresholds: dict[str, float]) -> list[str]:
    """Failures against thresholds like {"paraphrase_zh.hit@1": 0.9, "overall.false_abstention<=": 0.03}."""
    failures = []
    for name, limit in thresholds.items():
        at_most = name.endswith("<=")
        group, metric = name.removesuffix("<=").split(".", 1)
        value = groups.get(group, {}).get(metric)
        if value is None:
            failures.append(f"{name}: no value (group missing from the set)")
        elif (value > limit) if at_most else (value < limit):
            failures.append(f"{name}: {value:.3f} {'>' if at_most else '<'} {limit}")
    return failures


def load_thresholds(path: Path = THRESHOLDS, set_name: str = "core") -> dict[str, float]:
    """The gate of a set: `thresholds` for core, `sets.<name>` for another set ({} when it has
    none, so a set is never checked against the core set's groups)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["thresholds"] if set_name == "core" else data.get("sets", {}).get(set_name, {})


@dataclass
class EvalReport:
    set_name: str
    split: str | None
    ours: dict
    reference: dict | None
    items: list[dict]
    gate_failures: list[str]
    model_backed: dict | None = None

    def markdown(self) -> str:
        parts = [f"# Eval report — set `{self.set_name}`, split `{self.split or 'all'}`", "",
                 table(self.ours, "Ours (extractive)")]
        if self.reference:
            parts += ["", table(self.reference, "Reference system"), "",
                      comparison(self.ours, self.reference)]
        if self.model_backed:
            g = self.model_backed["guard"]
            parts += ["", table(self.model_backed["groups"],
                                f"Model-backed answers ({self.model_backed['model']})"), "",
                      "### Citation guard", "",
                      f"- answers: {g['answers']}", f"- invented or unretrieved citations removed: "
                      f"{g['citations_removed']} (in {g['answers_with_removals']} answers)",
                      f"- fallbacks to the extractive answer: {g['fallbacks']} "
                      f"({g['fallback_rate']:.1%})"]
        parts += ["", "### Gate", "",
                  "all thresholds met" if not self.gate_failures else
                  "\n".join(f"- FAILED {f}" for f in self.gate_failures)]
        return "\n".join(parts) + "\n"

    def to_json(self) -> dict:
        return {"set": self.set_name, "split": self.split, "ours": self.ours,
                "reference": self.reference, "model_backed": self.model_backed,
                "gate_failures": self.gate_failures, "items": self.items}


def guard_figures(results: list[ItemResult]) -> dict[str, float | int]:
    """What the citation guard did over a run of model-backed answers."""
    guarded = [r for r in results if r.answer.guard is not None]
    removed = [len(r.answer.guard.removed) for r in guarded]
    fallbacks = sum(1 for r in guarded if r.answer.guard.fallback)
    return {"answers": len(guarded), "citations_removed": sum(removed),
            "answers_with_removals": sum(1 for n in removed if n),
            "fallbacks": fallbacks,
            "fallback_rate": fallbacks / len(guarded) if guarded else 0.0}


def run_eval(settings: Settings, set_name: str = "core", split: str | None = "test",
             with_reference: bool = True, out_dir: Path | None = None,
             echo: Callable[[str], None] = print, llm: bool = False) -> EvalReport:
    from assistant.answer.extractive import ExtractiveAnswerer

    corpus = Corpus.load(settings)
    items = load_set(set_name, split)
    answerer = ExtractiveAnswerer(settings, corpus)
    answerer.answer("知识产权培训")  # warm-up so latency is per question, not start-up
    answerer.answer("IP training")
    ours_results = run_system(answerer.answer, items, corpus)
    ours = grouped(ours_results, corpus)
    reference = None
    if with_reference:
        from evals.reference import ReferenceSystem

        system = ReferenceSystem(settings, corpus, embedder=answerer.retriever.dense.embedder)
        reference = grouped(run_system(system.answer, items, corpus), corpus)
    model_backed = None
    if llm:
        from assistant.errors import IpmsError
        from assistant.llm.factory import make_answerer

        if not settings.llm_enabled:
            raise IpmsError("--llm needs a language model: set IPMS_LLM_PROVIDER and IPMS_LLM_MODEL")
        llm_answerer = make_answerer(settings, corpus)
        llm_results = run_system(llm_answerer.answer, items, corpus)
        model_backed = {"groups": grouped(llm_results, corpus), "guard": guard_figures(llm_results),
                        "model": f"{settings.llm_provider}:{settings.llm_model}"}
    failures = check_gate(ours, load_thresholds(set_name=set_name)) if split == "test" else []
    report = EvalReport(set_name, split, ours, reference,
                        [r.to_json() for r in ours_results], failures, model_backed)
    text = report.markdown()
    echo(text)
    if out_dir is not None:
        from assistant.corpus.build import atomic_write

        stem = f"eval-{set_name}-{split or 'all'}"
        atomic_write(out_dir / f"{stem}.json",
                     json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
        atomic_write(out_dir / f"{stem}.md", text)
        echo(f"reports written: {out_dir / stem}.json, .md")
    return report
