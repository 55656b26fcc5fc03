"""Unique clause keys for the parsers: a key used before gets the first free `#2`, `#3`, …"""
from __future__ import annotations


class UniqueKeys:
    """Hands out keys, each once. Amortised O(1) per key: the search for a free suffix resumes
    where the last one for the same key stopped (a document printing one number thousands of
    times stays linear)."""

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._next_suffix: dict[str, int] = {}  # key -> the smallest "#n" that may still be free

    def __call__(self, key: str) -> str:
        """`key`, or for a key already handed out the first free `key#2`, `key#3`, …"""
        if key in self._used:
            n = self._next_suffix.get(key, 2)
            while f"{key}#{n}" in self._used:
                n += 1
            self._next_suffix[key] = n + 1
            key = f"{key}#{n}"
        self._used.add(key)
        return key
