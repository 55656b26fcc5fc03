"""Keep scikit-learn (and the SciPy and pandas it pulls in, ~1 s here) off the path that loads
the embedding model.

sentence-transformers imports `sklearn.metrics.pairwise_distances` when it is imported, but uses
it only in utilities this product never calls. Until something really needs scikit-learn's
metrics, a stand-in module answers that import; the first real use of any of its names loads the
real module in its place."""
from __future__ import annotations

import importlib
import sys
import types

_NAME = "sklearn.metrics"


class _LazyMetrics(types.ModuleType):
    @staticmethod
    def _real() -> types.ModuleType:
        if isinstance(sys.modules.get(_NAME), _LazyMetrics):
            del sys.modules[_NAME]
        return importlib.import_module(_NAME)

    def pairwise_distances(self, *args, **kwargs):
        return self._real().pairwise_distances(*args, **kwargs)

    def __getattr__(self, name: str):
        if name.startswith("__"):  # the import machinery asking (__path__, __spec__ ...)
            raise AttributeError(name)
        return getattr(self._real(), name)


def install() -> None:
    """Put the stand-in in place unless scikit-learn's metrics are already loaded."""
    if _NAME not in sys.modules:
        sys.modules[_NAME] = _LazyMetrics(_NAME)
