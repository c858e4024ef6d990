"""Which paths goalchain opens: regular files only, never a FIFO, device or directory.

A chain file names other files (``model: modell.yaml``, ``data: [...]``), and a
command line names the chain file. Opening a FIFO (named pipe) blocks until
someone writes to it, a device such as ``/dev/zero`` never ends, and a directory
cannot be read: each is refused, before it is opened, with the kind of file it is.
"""

from __future__ import annotations

import os
import stat

from .._i18n import N_
from ..exceptions import Message

__all__ = ["file_kind", "not_a_regular_file"]

# the kind of a file (stat.S_IFMT of its mode) in words, looked up in the catalog
_KINDS: dict[int, str] = {
    stat.S_IFDIR: N_("a directory"),
    stat.S_IFIFO: N_("a FIFO (named pipe)"),
    stat.S_IFCHR: N_("a character device"),
    stat.S_IFBLK: N_("a block device"),
    stat.S_IFSOCK: N_("a socket"),
    stat.S_IFREG: N_("a regular file"),
}


def _kind(mode: int) -> Message:
    return Message(_KINDS.get(stat.S_IFMT(mode), N_("a file of an unknown kind")))


def file_kind(mode: int, lang: str = "en") -> str:
    """What a file of *mode* (``os.stat(...).st_mode``) is, in words, in *lang*.

    Examples
    --------
    >>> import stat
    >>> from goalchain.io._paths import file_kind
    >>> file_kind(stat.S_IFIFO | 0o644), file_kind(stat.S_IFDIR | 0o755, "sv")
    ('a FIFO (named pipe)', 'en mapp')
    """
    return _kind(mode).render(lang)


def not_a_regular_file(path: str | os.PathLike[str]) -> Message | None:
    """Why *path* is not read, or None when it is a regular file (a link to one is fine).

    Only the file's status is looked at (``os.stat``); the file is not opened.
    A missing file gives None: opening it then raises ``FileNotFoundError`` as
    before. The reason is a :class:`~goalchain.exceptions.Message` (``str()``
    is the English), a field of the error that names the file.

    Examples
    --------
    >>> import tempfile
    >>> from goalchain.io._paths import not_a_regular_file
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     why = not_a_regular_file(tmp)
    >>> str(why), why.render("sv")
    ('it is a directory, not a regular file', 'det är en mapp, inte en vanlig fil')
    """
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    if stat.S_ISREG(mode):
        return None
    return Message(N_("it is {kind}, not a regular file"), kind=_kind(mode))
