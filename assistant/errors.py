"""User-facing errors: the CLI prints the message on one line and exits with code 2."""
from __future__ import annotations

import errno


class IpmsError(Exception):
    """Bad input or an unusable file; the message is shown to the user as is."""


class ListedProblems(IpmsError):
    """Every problem of an input, listed in one message (an intake's: `ipms intake check --help`
    promises each one): the CLI prints it whole, not shortened as a message echoing a huge
    input is; whoever raises it keeps each problem short. `head` ('intake.yaml 有 3 个问题：')
    and `problems` are the parts: the CLI prints the head and then one problem per line; the
    message itself (what the web page and the library's callers show) stays one line."""

    def __init__(self, message: str, head: str = "", problems: tuple[str, ...] = ()):
        super().__init__(message)
        self.head = head
        self.problems = tuple(problems)


_PLAIN = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EFBIG: "a file grew past the size this process may write (the disk is full or limited)",
    errno.EROFS: "the folder is on a read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENAMETOOLONG: "a file name is too long",
    errno.ENOENT: "no such file or folder",
    errno.EISDIR: "a folder was found where a file was expected",
    errno.ENOTDIR: "a file was found where a folder was expected",
}


def describe_os_error(exc: OSError) -> str:
    """One line for an OSError: what went wrong in plain words and on which path, e.g.
    'the disk is full: /home/u/.local/share/ipms/index/lexical.json'."""
    what = _PLAIN.get(exc.errno or -1) or exc.strerror or exc.__class__.__name__
    where = exc.filename if exc.filename is not None else ""
    return f"{what}: {where}" if where else what
