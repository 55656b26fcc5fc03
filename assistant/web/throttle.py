"""Exponential back-off for failed logins, keyed by user name or by client address."""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass


@dataclass
class _Record:
    failures: int
    last: float


class Throttle:
    """Counts failures per key; after `free` of them each further failure locks the key for
    `base` seconds, doubling each time up to `cap`. A key with no failure for `window` seconds
    starts afresh. At most `max_keys` keys are remembered (the least recently failed forgotten
    first), so a flood of invented names cannot grow memory without bound. Not thread-safe:
    the caller holds a lock. Times are seconds from one monotonic clock."""

    def __init__(self, free: int = 5, base: float = 1.0, cap: float = 900.0,
                 window: float = 900.0, max_keys: int = 10_000) -> None:
        self.free, self.base, self.cap, self.window, self.max_keys = free, base, cap, window, max_keys
        self._records: OrderedDict[str, _Record] = OrderedDict()

    def _current(self, key: str, now: float) -> _Record | None:
        record = self._records.get(key)
        if record is not None and now - record.last > max(self.window, self._lock_for(record)):
            del self._records[key]
            return None
        return record

    def _lock_for(self, record: _Record) -> float:
        extra = record.failures - self.free
        return 0.0 if extra <= 0 else min(self.cap, self.base * 2 ** min(extra - 1, 64))

    def wait(self, key: str, now: float) -> float:
        """Seconds until `key` may try again (0 when it may now)."""
        record = self._current(key, now)
        if record is None:
            return 0.0
        return max(0.0, record.last + self._lock_for(record) - now)

    def failed(self, key: str, now: float) -> None:
        """Count one failure of `key` at `now`."""
        record = self._current(key, now)
        if record is None:
            record = self._records[key] = _Record(0, now)
        record.failures += 1
        record.last = now
        self._records.move_to_end(key)
        while len(self._records) > self.max_keys:
            self._records.popitem(last=False)

    def forget(self, key: str) -> None:
        """Clear every failure of `key` (after a successful login)."""
        self._records.pop(key, None)
