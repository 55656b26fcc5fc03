"""How many threads the math libraries use, set on purpose from the settings (`threads`,
IPMS_THREADS) instead of each library taking every core for itself.

Unset, a command line process and an index build use min(cores, 4) threads and the web app 1:
the app answers several visitors at once (gradio's queue runs up to --concurrency requests in
threads of one process), so the visitors are the parallelism, and 20 users on 2 cores would
otherwise run 20 x 2 busy math threads on 2 cores. `cores` are the CPUs this process may run on
(its affinity), not the machine's.

`setup_threads` applies the count before the math libraries load: the environment variables
OpenMP, OpenBLAS, MKL, Apple's Accelerate, numexpr and HuggingFace tokenizers (rayon) read when
they start, torch's intra- and inter-op pools when torch is already imported or as soon as it
is, and threadpoolctl's limits for native pools already loaded. onnxruntime reads no
environment: its sessions take `session_threads(settings)` as intra_op_num_threads.
"""
from __future__ import annotations

import importlib.abc
import importlib.util
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

Role = Literal["cli", "web"]

MAX_AUTO_THREADS = 4  # beyond this, one query or a corpus this size gains nothing measurable
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                    "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS", "RAYON_NUM_THREADS")
_NATIVE_POOLS = ("numpy", "scipy", "torch", "sklearn")  # modules that load OpenBLAS/OpenMP

_applied: int | None = None  # the count setup_threads gave this process
_current: int | None = None  # the count in force now (an index build may raise it for a while)


def usable_cores() -> int:
    """CPUs this process may run on (its affinity mask), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def thread_count(settings, role: Role = "cli") -> int:
    """Threads for one process: `settings.threads` when set, else 1 for the web app and
    min(usable cores, 4) for anything else (a command, an index build)."""
    if settings.threads is not None:
        return settings.threads
    return 1 if role == "web" else min(usable_cores(), MAX_AUTO_THREADS)


def build_thread_count(settings) -> int:
    """Threads for building an index: `settings.threads` when set, else min(cores, 4), also in
    the web app (a build is one job, not one visitor of many)."""
    return thread_count(settings, "cli")


def session_threads(settings) -> int:
    """intra_op_num_threads for an onnxruntime session made in this process: the count
    setup_threads applied here, or the command line's count when it was never called."""
    return _applied if _applied is not None else thread_count(settings, "cli")


def setup_threads(settings, role: Role = "cli") -> int:
    """Apply this process's thread count (see thread_count) and return it. Call it before the
    math libraries are imported: what reads the environment only reads it once."""
    global _applied
    _applied = thread_count(settings, role)
    apply_threads(_applied)
    return _applied


def apply_threads(count: int) -> None:
    """Set every library's thread count to `count` (>= 1): the environment for libraries not
    loaded yet (and for child processes, which apply their own settings again), torch now or
    when it is imported, native pools already loaded through threadpoolctl."""
    global _current
    if count < 1:
        raise ValueError(f"thread count must be at least 1, not {count}")
    _current = count
    for name in THREAD_VARIABLES:
        os.environ[name] = str(count)
    os.environ["TOKENIZERS_PARALLELISM"] = "true" if count > 1 else "false"
    if "torch" in sys.modules:
        _configure_torch(sys.modules["torch"], count)
    elif not any(isinstance(f, _TorchHook) for f in sys.meta_path):
        sys.meta_path.insert(0, _TorchHook())
    if any(name in sys.modules for name in _NATIVE_POOLS):
        _limit_native_pools(count)


@contextmanager
def build_threads(settings) -> Iterator[int]:
    """Within the block, the index build's count (build_thread_count); after it, the process's
    own count again. For a build inside a process that runs with fewer threads (the web app
    building its index before the first visitor); onnxruntime sessions keep session_threads."""
    before = _current
    count = build_thread_count(settings)
    if before is None or count == before:
        yield count
        return
    apply_threads(count)
    try:
        yield count
    finally:
        apply_threads(before)


def _limit_native_pools(count: int) -> None:
    """OpenBLAS, MKL and OpenMP pools already loaded read no environment any more: threadpoolctl
    (BSD-3) sets them through their own APIs."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=count)  # stays in force: not used as a context


def _configure_torch(torch, count: int) -> None:
    torch.set_num_threads(count)
    try:
        torch.set_num_interop_threads(count)
    except RuntimeError:  # settable once, before any inter-op work: the first setting stays
        pass


class _TorchHook(importlib.abc.MetaPathFinder):
    """Finds torch the usual way and, once its module has run, sets its thread counts to the
    count in force; then leaves sys.meta_path."""

    _busy = False

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "torch" or self._busy:
            return None
        self._busy = True
        try:
            spec = importlib.util.find_spec("torch")
        finally:
            self._busy = False
        if spec is None or spec.loader is None:
            return None
        spec.loader = _ThenConfigure(spec.loader, self)
        return spec


class _ThenConfigure(importlib.abc.Loader):
    """torch's own loader, then _configure_torch. The module keeps its own loader as
    __loader__ and __spec__.loader (resources are found through it)."""

    def __init__(self, loader, hook: _TorchHook) -> None:
        self._loader, self._hook = loader, hook

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        module.__spec__.loader = module.__loader__ = self._loader
        self._loader.exec_module(module)
        if self._hook in sys.meta_path:
            sys.meta_path.remove(self._hook)
        if _current is not None:
            _configure_torch(module, _current)

    def __getattr__(self, name: str):
        return getattr(self._loader, name)
