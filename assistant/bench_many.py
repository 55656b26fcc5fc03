"""`ipms bench --many N`: the figures with many user standards, against the shipped corpus alone.

It generates N made-up standards (own generator, deterministic: standard i always reads the
same, and no two read alike — chapters, clause titles, departments, periods and sentences are
drawn per standard from fixed pools), imports them into a fresh home, and measures in fresh
processes (so imports count; peak memory is each process's maximum resident set size):

- the full index build (`ipms index`),
- adding one more standard with `ipms corpus add`, its index update included,
- the first `ipms ask` after that add, and warm `ipms ask` latency (p50/p95) and memory in a
  process that has answered a warm-up question in each language,

each for the shipped corpus alone and for the shipped corpus plus N standards. The embedder is
the configured one (the default all-MiniLM-L6-v2 for the real figures); `embedder="hashing"`
gives a quick run whose times say nothing about embedding.
"""
from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from assistant.errors import IpmsError
from assistant.settings import PROJECT_ROOT

TARGET_ADD_S, TARGET_P95_MS = 15.0, 100.0

_TOPICS = ("专利", "商标", "著作权", "商业秘密", "技术合同", "研发项目", "采购", "产品销售",
           "人员", "知识产权培训", "风险防控", "信息资源", "经费预算", "纠纷应对", "数据资产",
           "标准化", "对外合作", "软件")
_ASPECTS = ("职责分工", "工作程序", "记录与档案", "检查与评价", "变更控制", "外部协作", "信息化支持",
            "持续改进", "预警与监测", "审批管理")
_DETAILS = ("基本要求", "实施步骤", "审批权限", "时限要求", "文件格式", "异常处理", "结果应用",
            "沟通机制", "保密措施")
_DEPARTMENTS = ("知识产权管理机构", "研发部门", "法务部门", "人力资源部门", "采购部门", "销售部门",
                "财务部门", "信息中心", "质量管理部门", "项目负责人")
_PERIODS = ("每季度", "每半年", "每年", "在项目立项前", "在合同签订前", "在产品上市前",
            "在人员离职时", "在年度管理评审前")
_DEADLINES = ("五个工作日", "十个工作日", "十五日", "三十日", "两个月")
_ACTIONS = ("编制{t}工作计划并报管理者代表批准", "登记{t}事项的名称、状态和期限",
            "对{t}相关文件进行核查并记录结果", "识别{t}方面的风险并提出处理建议",
            "组织相关人员学习{t}管理要求", "将{t}工作的开展情况书面报告分管负责人",
            "保存{t}活动形成的记录，保存期限不少于{n}年", "在{d}内答复有关部门提出的{t}问题",
            "评价{t}管理措施的有效性并提出改进意见", "与外部服务机构签订{t}服务协议并明确保密义务")


def generate_standard(index: int) -> str:
    """The text of made-up standard number `index` (about 160 clauses, no two standards
    alike): a cover, 前言, scope, references, terms, then six chapters of five clauses with
    three to five sub-clauses each, every sub-clause a sentence or two."""
    rng = random.Random(index * 7919 + 17)
    topics = rng.sample(_TOPICS, 6)
    lines = [f"Q/IPB {index:04d}—2024", f"企业知识产权管理规范 第{index + 1}部分：{topics[0]}与{topics[1]}",
             "2024-01-15 发布", "2024-04-01 实施", "前言",
             f"本文件由第{index + 1}示例企业知识产权管理机构提出并归口，内容为性能测试用样例。",
             "1 范围", f"本文件规定了企业{'、'.join(topics[:3])}等方面的知识产权管理要求。",
             "2 规范性引用文件", "GB/T 29490 企业知识产权合规管理体系 要求", "3 术语和定义"]
    for t, topic in enumerate(topics[:3], start=1):
        lines += [f"3.{t} {topic}台账", f"企业用于逐项登记{topic}事项及其状态和期限的清单。"]
    for c, topic in enumerate(topics, start=4):
        lines.append(f"{c} {topic}管理")
        for s, aspect in enumerate(rng.sample(_ASPECTS, 5), start=1):
            lines.append(f"{c}.{s} {topic}{aspect}")
            for d, detail in enumerate(rng.sample(_DETAILS, rng.randint(3, 5)), start=1):
                lines.append(f"{c}.{s}.{d} {aspect}的{detail}")
                lines.append(_sentence(rng, topic) + (_sentence(rng, topic) if rng.random() < 0.5
                                                      else ""))
    return "\n".join(lines) + "\n"


def _sentence(rng: random.Random, topic: str) -> str:
    action = rng.choice(_ACTIONS).format(t=topic, n=rng.randint(2, 10), d=rng.choice(_DEADLINES))
    return f"{rng.choice(_DEPARTMENTS)}应{rng.choice(_PERIODS)}{action}。"


# -- measuring ----------------------------------------------------------------------------------
_cpu: list[float] = [0.0]  # CPU seconds (user + system) of the last child


def _timed_child(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds, peak MB, stdout) of `python ARGS` in a fresh process, its own peak memory;
    its CPU seconds in _cpu[0] (wall time on a shared machine counts other people's work)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, *args], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    out = child.stdout.read() if child.stdout else b""
    err = child.stderr.read() if child.stderr else b""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    _cpu[0] = usage.ru_utime + usage.ru_stime
    if status != 0:
        raise IpmsError(f"{' '.join(args[2:4])} failed in the benchmark: "
                        f"{err.decode('utf-8', 'replace').strip()[-300:]}")
    return seconds, usage.ru_maxrss / 1024, out.decode("utf-8", "replace")


def _ipms(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    return _timed_child(["-m", "assistant.cli", *args], env)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def warm_latency(questions: list[str]) -> dict[str, float]:
    """In this process (the configured home): answer a warm-up question per language, then
    every question; p50/p95 in ms and this process's peak memory in MB."""
    from assistant.llm.factory import make_answerer
    from assistant.settings import load_settings

    from assistant.corpus.store import Corpus

    settings = load_settings()
    answerer = make_answerer(settings, Corpus.load(settings))
    answerer.answer("知识产权培训应该覆盖哪些人员")
    answerer.answer("What are the objectives of the ISO 56005 pilot?")
    times, cpu = [], []
    for question in questions:
        start, start_cpu = time.perf_counter(), time.process_time()
        answerer.answer(question)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {"p50": _percentile(times, 0.5), "p95": _percentile(times, 0.95),
            "cpu_p50": _percentile(cpu, 0.5), "cpu_p95": _percentile(cpu, 0.95),
            "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _questions() -> list[str]:
    path = PROJECT_ROOT / "evals" / "benchmark_questions.txt"
    shipped = [q.strip() for q in path.read_text(encoding="utf-8").splitlines() if q.strip()]
    return shipped + ["专利职责分工的基本要求是什么", "商业秘密记录与档案的保存期限",
                      "采购合同签订前应核查哪些知识产权文件", "数据资产管理的审批权限"]


def _measure(home: Path, env: dict[str, str], extra: Path, label: str,
             echo: Callable[[str], None]) -> dict[str, float]:
    figures: dict[str, float] = {}
    seconds, mb, out = _ipms(["index"], env)
    units = next((w.split("=", 1)[1] for w in out.split() if w.startswith("units=")), "?")
    vectors = next((w.split("=", 1)[1] for w in out.split() if w.startswith("vectors=")), "?")
    figures.update(index_s=seconds, index_mb=mb)
    echo(f"[{label}] {units} index entries ({vectors} with vectors: the units in a language "
         f"the model reads): full index build (ipms index) {seconds:.1f} s "
         f"(CPU {_cpu[0]:.1f} s), peak {mb:.0f} MB")
    questions = json.dumps(_questions(), ensure_ascii=False)
    _, mb, out = _timed_child(["-m", "assistant.bench_many", "warm", questions], env)
    warm = json.loads(out.strip().splitlines()[-1])
    figures.update(p50=warm["p50"], p95=warm["p95"], warm_mb=warm["mb"])
    echo(f"[{label}] ipms ask warm ({len(_questions())} questions): p50 {warm['p50']:.0f} ms, "
         f"p95 {warm['p95']:.0f} ms (target < {TARGET_P95_MS:g} ms: "
         f"{'ok' if warm['p95'] < TARGET_P95_MS else 'MISSED'}; CPU p50 {warm['cpu_p50']:.0f} ms, "
         f"p95 {warm['cpu_p95']:.0f} ms), peak memory {warm['mb']:.0f} MB")
    seconds, mb, out = _ipms(["corpus", "add", str(extra), "--id", "bench-extra",
                              "--title", "企业知识产权管理规范（追加）"], env)
    updated = next((line for line in out.splitlines() if line.startswith("index updated")),
                   "index NOT updated")
    figures.update(add_s=seconds, add_mb=mb)
    echo(f"[{label}] adding one more standard (ipms corpus add, index update included): "
         f"{seconds:.1f} s (CPU {_cpu[0]:.1f} s; target < {TARGET_ADD_S:g} s: "
         f"{'ok' if seconds < TARGET_ADD_S else 'MISSED'}), peak {mb:.0f} MB; {updated}")
    seconds, mb, _ = _ipms(["ask", "What must be recorded about patents?"], env)
    figures.update(first_ask_s=seconds)
    echo(f"[{label}] first ipms ask after the add (fresh process, en): {seconds:.1f} s "
         f"(CPU {_cpu[0]:.1f} s), peak {mb:.0f} MB")
    seconds, mb, out = _ipms(["corpus", "remove", "bench-extra"], env)
    figures.update(remove_s=seconds)
    echo(f"[{label}] removing it again (ipms corpus remove, index update included): "
         f"{seconds:.1f} s (CPU {_cpu[0]:.1f} s)")
    return figures


def run_many_benchmark(count: int = 100, embedder: str | None = None,
                       echo: Callable[[str], None] = print) -> dict[str, dict[str, float]]:
    """Measure the shipped corpus alone, then with `count` generated standards; print and
    return the figures per corpus."""
    from assistant.corpus.build import add_user_document
    from assistant.settings import load_settings

    if not 1 <= count <= 1000:
        raise IpmsError("--many takes 1 to 1000 standards")
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="ipms-bench-many-") as root:
        root_path = Path(root)
        extra = root_path / "extra.txt"
        extra.write_text(generate_standard(count), encoding="utf-8")
        base_env = {k: v for k, v in os.environ.items() if not k.startswith("IPMS_")}
        if embedder:
            base_env["IPMS_EMBEDDING_MODEL"] = embedder
        model = embedder or load_settings().embedding_model
        echo(f"ipms bench --many {count} — {os.cpu_count()} cores, embedding model {model}, "
             f"load average {os.getloadavg()[0]:.1f} at the start")
        alone = root_path / "alone"
        results["shipped"] = _measure(alone, {**base_env, "IPMS_HOME": str(alone)}, extra,
                                      "shipped corpus", echo)
        many = root_path / "many"
        env = {**base_env, "IPMS_HOME": str(many)}
        settings = load_settings().model_copy(update={"home": many})
        start = time.perf_counter()
        for i in range(count):
            path = root_path / f"standard-{i:03d}.txt"
            path.write_text(generate_standard(i), encoding="utf-8")
            add_user_document(settings, path, f"bench-{i:03d}",
                              f"企业知识产权管理规范 第{i + 1}部分")
        echo(f"[+{count} standards] generated and imported {count} standards in "
             f"{time.perf_counter() - start:.1f} s (no index yet)")
        results["many"] = _measure(many, env, extra, f"+{count} standards", echo)
    return results


if __name__ == "__main__":  # the warm-latency child: python -m assistant.bench_many warm JSON
    if len(sys.argv) == 3 and sys.argv[1] == "warm":
        print(json.dumps(warm_latency(json.loads(sys.argv[2]))))
    else:
        sys.exit("usage: python -m assistant.bench_many warm QUESTIONS_JSON")
