"""Which paths goalchain opens: regular files only, never a FIFO, device or directory.

A chain file names other files (``model: modell.yaml``, ``data: [...]``), and a
command line names the chain file. Opening a FIFO (named pipe) blocks until
someone writes to it, a device such as ``/dev/zero`` never ends, and a directory
cannot be read: each is refused, before it is opened, with the kind of file it is.
"""

from __future__ import annotations

import os
import stat

__all__ = ["file_kind", "not_a_regular_file"]

_KINDS: tuple[tuple[int, str, str], ...] = (
    (stat.S_IFDIR, "a directory", "en mapp"),
    (stat.S_IFIFO, "a FIFO (named pipe)", "en FIFO (namngiven pipe)"),
    (stat.S_IFCHR, "a character device", "en teckenenhet"),
    (stat.S_IFBLK, "a block device", "en blockenhet"),
    (stat.S_IFSOCK, "a socket", "en socket"),
)


def file_kind(mode: int, lang: str = "en") -> str:
    """What a file of *mode* (``os.stat(...).st_mode``) is, in words.

    Examples
    --------
    >>> import stat
    >>> from goalchain.io._paths import file_kind
    >>> file_kind(stat.S_IFIFO | 0o644), file_kind(stat.S_IFDIR | 0o755, "sv")
    ('a FIFO (named pipe)', 'en mapp')
    """
    kind = stat.S_IFMT(mode)
    for value, en, sv in _KINDS:
        if kind == value:
            return sv if lang == "sv" else en
    if kind == stat.S_IFREG:
        return "en vanlig fil" if lang == "sv" else "a regular file"
    return "en fil av okänd sort" if lang == "sv" else "a file of an unknown kind"


def not_a_regular_file(path: str | os.PathLike[str]) -> str | None:
    """Why *path* is not read, or None when it is a regular file (a link to one is fine).

    Only the file's status is looked at (``os.stat``); the file is not opened.
    A missing file gives None: opening it then raises ``FileNotFoundError`` as
    before.

    Examples
    --------
    >>> import tempfile
    >>> from goalchain.io._paths import not_a_regular_file
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     not_a_regular_file(tmp)
    'it is a directory, not a regular file'
    """
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    if stat.S_ISREG(mode):
        return None
    return f"it is {file_kind(mode)}, not a regular file"
