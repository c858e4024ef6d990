"""Loading and saving goal chains and governance models; atomic writes."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import stat
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._i18n import N_
from ..exceptions import (
    DirectoryNotFoundError,
    FileFormatError,
    FileWriteError,
    GoalchainError,
    InvalidValueError,
    Message,
)
from ..models import GoalChain, GovernanceModel
from ._codec import build_chain, model_from_document, model_to_data, split_data, to_data
from ._document import FieldPath, check_format, format_of, format_path, parse_text, read_document
from ._limits import Limits
from ._paths import not_a_regular_file

__all__ = [
    "DirectoryNotFoundError",
    "atomic_write",
    "dump",
    "dump_model",
    "dumps",
    "load",
    "load_demo",
    "load_model",
    "loads",
    "serialise",
]

StrPath = str | os.PathLike[str]


def serialise(data: Any, format: str) -> str:
    """Plain data -> YAML or JSON text."""
    if check_format(format) == "json":
        from ._json import dump_json

        return dump_json(data)
    from ._yaml import dump_yaml

    return dump_yaml(data)


STALE_TEMP_SECONDS = 2.0
"""How much older than a save goalchain's own temporary file beside its target must be
for that save to remove it (a killed save leaves one, as large as the file).

A save removes ``.NAME.<12 hex digits>.tmp`` beside ``NAME`` (and, for a
structure and data pair, ``.NAME.<12 hex digits>.new.yaml`` beside the data file
``NAME``) when it is a regular file of the same user, older than this many seconds
before the save started, and, where the system has file locks, not locked by a
running save. Nothing else is ever removed."""

_TOKEN_CHARS = 12
_HEX = frozenset("0123456789abcdef")

try:  # file locks tell a running save's temporary file from a killed one's
    import fcntl as _fcntl
except ImportError:  # pragma: no cover - Windows: an open file cannot be removed there
    _fcntl = None  # type: ignore[assignment]


def _missing_part(directory: Path) -> Path:
    """The first part of *directory*'s path that is missing (or a file), from the top."""
    for part in reversed([directory, *directory.parents]):
        if not part.is_dir():
            return part
    return directory


def _encode(text: str | bytes, shown: str) -> bytes:
    """*text* as UTF-8 (bytes as they are), or FileFormatError naming the character."""
    if isinstance(text, bytes):
        return text
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:
        bad = text[err.start : err.end]
        raise FileFormatError(
            N_(
                "the text cannot be written as UTF-8 ({reason}: {bad!r} at character "
                "{start}); nothing was written"
            ),
            file=shown,
            params={"reason": err.reason, "bad": bad, "start": err.start},
        ) from err


def _own_name(name: str, prefix: str, suffix: str) -> bool:
    """True when *name* is *prefix*, 12 lowercase hex digits and *suffix*, nothing else."""
    return (
        len(name) == len(prefix) + _TOKEN_CHARS + len(suffix)
        and name.startswith(prefix)
        and name.endswith(suffix)
        and set(name[len(prefix) : len(prefix) + _TOKEN_CHARS]) <= _HEX
    )


def _temp_suffix(target: Path) -> str:
    return ".tmp"


def _pending_suffix(target: Path) -> str:
    return f".new{target.suffix}"


def remove_stale(target: Path, suffix: str, *, started: float, locked: bool = True) -> list[Path]:
    """Remove goalchain's own leftovers ``.NAME.<token><suffix>`` beside *target*.

    Only regular files (not links) of this user whose name fits exactly, last
    changed :data:`STALE_TEMP_SECONDS` before *started*, and, when *locked*, not
    locked by a running save. Returns the files removed; failures are ignored
    (the next save tries again).
    """
    prefix = f".{target.name}."
    try:
        with os.scandir(target.parent) as entries:
            names = [e.name for e in entries if _own_name(e.name, prefix, suffix)]
    except OSError:
        return []
    before = started - STALE_TEMP_SECONDS
    return [
        target.parent / name
        for name in names
        if _remove_if_abandoned(target.parent / name, before, locked=locked)
    ]


def _remove_if_abandoned(path: Path, before: float, *, locked: bool) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_mtime > before:
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    if not locked or _fcntl is None:
        with contextlib.suppress(OSError):
            os.unlink(path)
            return True
        return False
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        opened = os.fstat(fd)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            return False
        try:
            _fcntl.flock(fd, _fcntl.LOCK_EX | _fcntl.LOCK_NB)
        except OSError:  # a running save holds it (or the file system has no locks)
            return False
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _lock(fd: int) -> bool:
    """Hold an exclusive lock on a new temporary file while it is written and moved."""
    if _fcntl is None:  # pragma: no cover - Windows
        return False
    try:
        _fcntl.flock(fd, _fcntl.LOCK_EX | _fcntl.LOCK_NB)
    except OSError:  # pragma: no cover - a file system without locks
        return False
    return True


def _write_error(shown: str, err: OSError, detail: Message | None = None) -> GoalchainError:
    """The error for a failed write, naming *shown* (the file asked for)."""
    if isinstance(err, GoalchainError):
        return err
    if isinstance(err, (FileNotFoundError, NotADirectoryError)):
        directory = Path(os.path.abspath(shown)).parent
        if not directory.is_dir():
            return DirectoryNotFoundError(shown, str(directory), str(_missing_part(directory)))
    reason = err.strerror if err.strerror is not None else str(err)
    return FileWriteError(shown, err.errno, reason, detail=detail)


def _new_file(target: Path, suffix: str, shown: str) -> tuple[int, Path]:
    """Create ``.NAME.<token><suffix>`` beside *target* (exclusively); its descriptor and path."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = target.with_name(f".{target.name}.{secrets.token_hex(_TOKEN_CHARS // 2)}{suffix}")
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
        except OSError as err:
            raise _write_error(shown, err) from err


def _existing_mode(target: Path) -> int | None:
    with contextlib.suppress(OSError):
        return stat.S_IMODE(os.stat(target).st_mode)
    return None


def _write_and_move(
    target: Path, payload: bytes, shown: str, *, suffix: str = ".tmp", move_to: Path | None = None
) -> Path:
    """Write *payload* to a new file beside *target*, synced, and move it to *move_to*.

    Without *move_to* the new file stays where it is (its path is returned).
    The file is locked while it is written and moved, so that no other save
    takes it for a killed save's leftover. On any failure it is removed and the
    error names *shown*.
    """
    mode = _existing_mode(move_to if move_to is not None else target)
    fd, temp = _new_file(target, suffix, shown)
    try:
        with os.fdopen(fd, "wb") as handle:
            locked = _lock(handle.fileno())
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            if mode is not None:
                os.chmod(temp, mode)
            if move_to is not None and locked:
                os.replace(temp, move_to)
        if move_to is not None and not locked:  # pragma: no cover - Windows
            os.replace(temp, move_to)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(err, OSError):
            raise _write_error(shown, err) from err
        raise
    return temp


def atomic_write(path: StrPath, text: str | bytes) -> None:
    """Write *text* (UTF-8), or bytes as they are, to *path* atomically.

    The text goes to a temporary file in the same directory, which is flushed,
    synced to disk and then moved over *path* with :func:`os.replace`. If any step
    fails, the temporary file is removed and an existing *path* is left exactly as
    it was. An existing file's permissions are kept; a symbolic link is followed,
    so the file it points to is replaced. Temporary files that a killed save of
    the same file left behind are removed first (see :data:`STALE_TEMP_SECONDS`).

    Raises
    ------
    DirectoryNotFoundError
        When the directory to write in does not exist; names the directory
        (a :class:`FileNotFoundError` and a :class:`~goalchain.exceptions.GoalchainError`).
    FileWriteError
        When the file cannot be written (no permission, a read-only or full
        disk); names *path*, never the temporary file, and says the file is
        unchanged (an :class:`OSError`).
    FileFormatError
        When *text* cannot be encoded as UTF-8 (a lone surrogate); nothing is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from goalchain.io._files import atomic_write
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     atomic_write(pathlib.Path(tmp) / "no" / "r.html", "<p>")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    goalchain.exceptions.DirectoryNotFoundError: .../no/r.html: cannot write the file: no
    directory .../no (it does not exist); create the directory first, or write the file elsewhere
    """
    shown = os.fspath(path)
    payload = _encode(text, shown)
    started = time.time()
    target = Path(os.path.realpath(path))
    remove_stale(target, _temp_suffix(target), started=started)
    _write_and_move(target, payload, shown, move_to=target)
    _sync_directory(target.parent)


def _sync_directory(directory: Path) -> None:
    """Make the rename durable where the platform allows syncing a directory."""
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - Windows
        return
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:  # pragma: no cover
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(fd)


def _regular(file: Path) -> Path:
    """*file*, or FileFormatError when it is a FIFO, device, directory or socket."""
    why = not_a_regular_file(file)
    if why is not None:
        raise FileFormatError(
            N_("cannot read the file: {why}; give a .yaml, .yml or .json file"),
            file=os.fspath(file),
            params={"why": why},
        )
    return file


def load(path: StrPath, *, limits: Limits | None = None) -> GoalChain:
    """Load a goal chain from a YAML (``.yaml``, ``.yml``) or JSON (``.json``) file.

    Model and data files the chain names are read relative to the file's
    directory.

    Parameters
    ----------
    path
        The file.
    limits
        Limits on the size and shape of the file and of the model and data
        files it names (:class:`~goalchain.io.Limits`); the defaults when None.

    Returns
    -------
    GoalChain
        The chain with its measurements and assessments.

    Raises
    ------
    FileFormatError
        For malformed YAML or JSON, a refused tag, a duplicate key, a missing
        format version, or a field of the wrong type or shape; the message
        starts with ``file:line:column:`` and names the field.
    FormatVersionError
        For a format version this goalchain cannot read.
    GoalchainError
        The chain's own error for a value it refuses (``CycleError``,
        ``UnknownLevelError``, ``UnitMismatchError``...), located in the file.
    DocumentLimitError
        For a file beyond *limits* (a ``FileFormatError``).
    FileNotFoundError
        When the file does not exist.

    A FIFO (named pipe), device, directory or socket, named by *path* or by the
    file's ``model`` or ``data``, is refused before it is opened
    (``FileFormatError``); a ``data`` list may name a file once, and at most
    ``MAX_DATA_FILES`` (1000) files.

    See Also
    --------
    dump, loads

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import goalchain as gc
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "chain.yaml"
    ...     _ = path.write_text('''
    ... goalchain: 1
    ... name: Nynäshamns kommun
    ... municipality: "0192"
    ... model: nynashamn
    ... elements:
    ...   - {id: vision, level: vision, title: Vision 2040}
    ...   - {id: kf1, level: council, title: Ett hållbart Nynäshamn, parents: [vision]}
    ... ''', encoding="utf-8")
    ...     chain = gc.load(path)
    >>> chain.municipality, chain.parents("kf1")
    ('0192', ['vision'])
    """
    file = Path(path)
    return build_chain(
        read_document(_regular(file), limits=limits), base_dir=file.parent, limits=limits
    )


def loads(
    text: str,
    *,
    format: str = "yaml",
    source: str | None = None,
    base_dir: StrPath | None = None,
    limits: Limits | None = None,
) -> GoalChain:
    """Load a goal chain from YAML or JSON text.

    Parameters
    ----------
    text
        The document.
    format
        ``"yaml"`` (the default) or ``"json"``.
    source
        A file name shown in error messages.
    base_dir
        Where relative model and data file paths start; by default the
        directory of *source*, or the current directory.
    limits
        Limits on the size and shape of the text (``max_file_bytes`` counts its
        characters) and of the files it names; the defaults when None.

    Raises
    ------
    FileFormatError, FormatVersionError, GoalchainError
        As for :func:`load`.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.loads('''
    ... goalchain: 1
    ... model: grastorp
    ... elements:
    ...   - {id: p1, level: perspective, title: Samhällsutveckling}
    ... ''')
    >>> chain["p1"].title
    'Samhällsutveckling'
    >>> gc.loads("goalchain: 1\\nmunicipality: 0192\\n", source="kommun.yaml")
    Traceback (most recent call last):
    ...
    goalchain.exceptions.FileFormatError: kommun.yaml:2:15: municipality: 0192 is read as
    the number 192, but this field is text and is never converted; write it in quotes: "0192"
    """
    doc = parse_text(text, format, source=source, limits=limits)
    if base_dir is not None:
        return build_chain(doc, base_dir=Path(base_dir), limits=limits)
    return build_chain(doc, base_dir=Path(source).parent if source else Path(), limits=limits)


def dumps(chain: GoalChain, *, format: str = "yaml") -> str:
    """Return a goal chain as YAML or JSON text.

    The text is deterministic: elements in the chain's order, measurements and
    assessments sorted, keys in a fixed order, Unicode unescaped.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Grästorps kommun", model="grastorp", municipality="1444")
    >>> _ = chain.add_goal("p1", "Samhällsutveckling", level="perspective")
    >>> _ = chain.add_goal("g1", "Fler bostäder", level="goal", parents=["p1"],
    ...                    tags=["bostad"])
    >>> _ = chain.assess("g1", 2024, status="delvis uppfyllt", date="2024-11-20",
    ...                  participants=["KS ordförande", "Kommunchef"])
    >>> print(gc.dumps(chain), end="")
    goalchain: 1
    name: Grästorps kommun
    municipality: "1444"
    model: grastorp
    elements:
      - id: p1
        level: perspective
        title: Samhällsutveckling
      - id: g1
        level: goal
        title: Fler bostäder
        parents: [p1]
        tags: [bostad]
    assessments:
      - element: g1
        period: 2024
        status: partly
        participants: [KS ordförande, Kommunchef]
        date: 2024-11-20
    >>> gc.loads(gc.dumps(chain, format="json"), format="json") == chain
    True
    """
    return serialise(to_data(chain), format)


def dump(
    chain: GoalChain,
    path: StrPath,
    *,
    format: str | None = None,
    data_path: StrPath | None = None,
) -> None:
    """Save a goal chain to a YAML or JSON file, atomically.

    The whole text is made first; then it is written to a temporary file beside
    *path* and moved into place, so a failure leaves an existing file exactly
    as it was. The chain is not changed.

    Parameters
    ----------
    chain
        The chain.
    path
        The file; the format follows its extension unless *format* is given.
    format
        ``"yaml"`` or ``"json"``.
    data_path
        When given, the measurements and assessments go to this file (its format
        from its extension) and the structure file names it under ``data``,
        relative to *path*. The two are saved as a pair: killed or failing at
        any moment, the structure file names a complete data file of the same
        save, so the pair loads as the old chain or the new one, never a mix
        (the file format reference, "Saving safely", says how).

    Raises
    ------
    FileFormatError
        When the extension is not ``.yaml``, ``.yml`` or ``.json`` and no
        *format* is given, or a field cannot be written (a text with a lone
        surrogate: the field and element are named). Nothing is written.
    FileWriteError
        When a file cannot be written (no permission, a read-only or full disk);
        names the file asked for. Before the switch to the new pair nothing is
        changed; after it the new chain is saved and the message says where its
        data is.
    DirectoryNotFoundError
        When a directory to write in does not exist.

    Notes
    -----
    Temporary files that killed saves of the same files left behind are
    removed (``.NAME.<12 hex digits>.tmp``, older than the save, not locked by
    a running one); nothing else is.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Lerums kommun", model="lerum")
    >>> _ = chain.add_goal("vision", "Lerum 2025", level="vision")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "lerum.json"
    ...     gc.dump(chain, path)
    ...     gc.load(path) == chain
    True
    """
    if not isinstance(chain, GoalChain):
        raise TypeError(f"expected a GoalChain, got {type(chain).__name__}")
    file = Path(path)
    fmt = check_format(format) if format is not None else format_of(file)
    data = to_data(chain)
    check_texts(data, file=os.fspath(file))
    if data_path is None:
        atomic_write(file, serialise(data, fmt))
        return
    data_file = Path(data_path)
    if os.path.abspath(data_file) == os.path.abspath(file):
        raise InvalidValueError(
            N_("data_path must be another file than path; leave it out to write one file"),
            field="data_path",
            params={},
        )
    _dump_pair(data, file, fmt, data_file, format_of(data_file))


def _reference(file: Path, directory: Path) -> str:
    """How a structure file in *directory* names *file*: relative where possible."""
    try:
        reference = os.path.relpath(os.path.abspath(file), os.path.abspath(directory))
    except ValueError:  # pragma: no cover - another drive on Windows
        reference = os.path.abspath(file)
    return Path(reference).as_posix()


def _switched(text: str, fmt: str, old: str, new: str) -> str | None:
    """*text* with its top-level ``data`` reference *old* replaced by *new*, or None.

    Both references are written as the serialiser writes them, so the result is
    what serialising with *new* gives; None when the old one is not found once.
    """

    def line(reference: str) -> str:
        alone = serialise({"data": reference}, fmt)
        return alone[2:-3] if fmt == "json" else alone  # '{\n  "data": ...\n}\n'

    before, after = "\n" + line(old), "\n" + line(new)
    if text.count(before) != 1:
        return None  # pragma: no cover - the token is random; never seen
    return text.replace(before, after)


def _dump_pair(data: dict[str, Any], file: Path, fmt: str, data_file: Path, data_fmt: str) -> None:
    """Save a structure and data file so that a reader sees the old pair or the new.

    1. The new data goes to a new file ``.DATA.<token>.new.yaml`` beside the data
       file; 2. the structure file is replaced by one that names it (the switch:
       from here the new pair loads); 3. the new data file is linked (or copied)
       over the data file; 4. the structure file is replaced by one that names the
       data file; 5. the new file is removed. Killed or failing at any step, the
       structure file names a complete data file of its own save; leftovers of a
       killed save are removed by the next.
    """
    started = time.time()
    final_ref = _reference(data_file, file.parent)
    data_target = Path(os.path.realpath(data_file))
    shown_data = os.fspath(data_file)
    structure, datafile = split_data(data, final_ref)
    data_payload = _encode(serialise(datafile, data_fmt), shown_data)
    final_text = serialise(structure, fmt)
    final_payload = _encode(final_text, os.fspath(file))
    pending_suffix = _pending_suffix(data_target)
    remove_stale(data_target, _temp_suffix(data_target), started=started)
    # 1. the new data under a new name, beside the data file (locked until the end,
    # so that another save does not take it for a killed save's leftover)
    pending, held = _write_pending(data_target, data_payload, shown_data, pending_suffix)
    try:
        texts = (structure, final_ref, final_text, final_payload, data_payload)
        _switch_pair(file, fmt, data_file, texts, pending)
    finally:
        os.close(held)
    remove_stale(data_target, pending_suffix, started=started)
    _sync_directory(data_target.parent)
    _sync_directory(Path(os.path.realpath(file)).parent)


def _write_pending(target: Path, payload: bytes, shown: str, suffix: str) -> tuple[Path, int]:
    """Write *payload* to a new, synced file beside *target*; its path and locked descriptor."""
    mode = _existing_mode(target)
    fd, pending = _new_file(target, suffix, shown)
    try:
        _lock(fd)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        if mode is not None:
            os.chmod(pending, mode)
    except BaseException as err:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(pending)
        if isinstance(err, OSError):
            raise _write_error(shown, err) from err
        raise
    return pending, fd


def _switch_pair(
    file: Path,
    fmt: str,
    data_file: Path,
    texts: tuple[dict[str, Any], str, str, bytes, bytes],
    pending: Path,
) -> None:
    """Steps 2 to 5 of :func:`_dump_pair`, once the new data is in *pending*.

    *texts*: the structure, the data reference as asked, the structure's text
    and bytes with it, and the data's bytes.
    """
    structure, final_ref, final_text, final_payload, data_payload = texts
    data_target = Path(os.path.realpath(data_file))
    shown_data = os.fspath(data_file)
    try:
        pending_ref = _reference(pending, file.parent)
        pending_text = _switched(final_text, fmt, final_ref, pending_ref)
        if pending_text is None:  # pragma: no cover - the reference is always found
            pending_text = serialise({**structure, "data": pending_ref}, fmt)
        # 2. the switch: the structure names the new data
        atomic_write(file, pending_text)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(pending)
        raise
    # 3. and 4.: the data under the name asked for, and the structure naming it
    try:
        _link_or_copy(pending, data_target, data_payload, shown_data)
        _write_and_move(
            Path(os.path.realpath(file)),
            final_payload,
            os.fspath(file),
            move_to=Path(os.path.realpath(file)),
        )
    except FileWriteError as err:
        raise FileWriteError(
            err.filename,
            err.errno,
            err.strerror,
            detail=Message(
                N_(
                    "the chain is saved, and {file} names its data in {pending} "
                    "instead of {data_file}; save again to use {data_file}"
                ),
                file=os.fspath(file),
                pending=pending.name,
                data_file=os.fspath(data_file),
            ),
        ) from err
    # 5. clean up this save's new file (what killed saves left: by the caller)
    with contextlib.suppress(OSError):
        os.unlink(pending)


def _link_or_copy(source: Path, target: Path, payload: bytes, shown: str) -> None:
    """Put *source* in place of *target* atomically: a hard link, else a copy of *payload*."""
    temp = target.with_name(f".{target.name}.{secrets.token_hex(_TOKEN_CHARS // 2)}.tmp")
    try:
        os.link(source, temp)
    except OSError:  # no hard links here (FAT, some network file systems): write again
        _write_and_move(target, payload, shown, move_to=target)
        return
    try:
        os.replace(temp, target)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise _write_error(shown, err) from err


def check_texts(data: Any, *, file: str | None = None) -> None:
    """Refuse text that cannot be written as UTF-8 (a lone surrogate), naming where.

    *data* is a document as :func:`~goalchain.io.to_data` returns it. Checked
    before anything is written, so a failed save leaves the old file intact.

    Raises
    ------
    FileFormatError
        Naming the file, the field (``elements[3].title``), the element (its id)
        and the character.

    Examples
    --------
    >>> from goalchain.io._files import check_texts
    >>> check_texts({"elements": [{"id": "kf1", "title": "Trygg\\ud800 kommun"}]})
    Traceback (most recent call last):
    ...
    goalchain.exceptions.FileFormatError: elements[0].title: the text of element 'kf1' has \
a lone surrogate '\\ud800' at character 5, which cannot be written as UTF-8 (a broken \
character, often from text decoded with the wrong encoding); write the character again. \
Nothing was written
    """
    try:  # the quick look, in C; the walk below only finds where
        json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    except (UnicodeEncodeError, TypeError, ValueError):
        pass
    else:
        return
    found = _unencodable(data, ())
    if found is None:  # pragma: no cover - json.dumps found one
        return
    path, text = found
    index = next(i for i, c in enumerate(text) if 0xD800 <= ord(c) <= 0xDFFF)
    element = None
    if len(path) >= 2 and path[0] == "elements" and isinstance(path[1], int):
        item = data["elements"][path[1]]
        element = item.get("id") if isinstance(item.get("id"), str) else None
    elif len(path) >= 2 and path[0] in ("measurements", "assessments"):
        item = data[path[0]][path[1]]
        key = "indicator" if path[0] == "measurements" else "element"
        element = item.get(key) if isinstance(item.get(key), str) else None
    if element is not None and _unencodable(element, ()) is not None:
        element = element.encode("utf-8", "backslashreplace").decode("ascii")
    whose = (
        Message(N_("the text of element {element!r}"), element=element)
        if element is not None
        else Message(N_("the text"))
    )
    raise FileFormatError(
        N_(
            "{whose} has a lone surrogate {char!r} at character {index}, which cannot "
            "be written as UTF-8 (a broken character, often from text decoded with the wrong "
            "encoding); write the character again. Nothing was written"
        ),
        file=file,
        field=format_path(path),
        params={"whose": whose, "char": text[index], "index": index},
    )


def _unencodable(value: Any, path: FieldPath) -> tuple[FieldPath, str] | None:
    """The first text in *value* (keys too) that UTF-8 cannot hold, with its path."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path, value
        return None
    if isinstance(value, Mapping):
        for key, item in value.items():
            found = _unencodable(key, path) or _unencodable(item, (*path, str(key)))
            if found is not None:
                return found
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found = _unencodable(item, (*path, i))
            if found is not None:
                return found
    return None


def load_demo() -> GoalChain:
    """The example chain bundled in the package (Burlöv), as ``goalchain demo`` shows it.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.io.load_demo()
    >>> chain.name, chain.municipality
    ('Burlövs kommun', '1231')
    """
    from importlib import resources

    text = resources.files("goalchain").joinpath("data/burlov.yaml").read_text(encoding="utf-8")
    return loads(text, format="yaml", source="goalchain/data/burlov.yaml")


def load_model(path: StrPath, *, limits: Limits | None = None) -> GovernanceModel:
    """Load a governance model from a YAML or JSON model file.

    The file holds ``name``, optional ``label_sv``, ``label_en`` and
    ``description``, and ``levels``; unknown keys are refused, not dropped.
    *limits* bounds the file as for :func:`load`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import goalchain as gc
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "modell.yaml"
    ...     _ = path.write_text('''
    ... name: min_modell
    ... levels:
    ...   - {key: vision, label_sv: Vision, label_en: Vision, children: [goal]}
    ...   - {key: goal, label_sv: Inriktningsmål, label_en: Direction goal}
    ... ''', encoding="utf-8")
    ...     model = gc.io.load_model(path)
    >>> model.keys
    ('vision', 'goal')
    """
    return model_from_document(read_document(_regular(Path(path)), limits=limits))


def dump_model(model: GovernanceModel, path: StrPath, *, format: str | None = None) -> None:
    """Save a governance model to a YAML or JSON model file, atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import goalchain as gc
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "trelleborg.yaml"
    ...     gc.io.dump_model(gc.GovernanceModel.preset("trelleborg"), path)
    ...     gc.io.load_model(path) == gc.GovernanceModel.preset("trelleborg")
    True
    """
    if not isinstance(model, GovernanceModel):
        raise TypeError(f"expected a GovernanceModel, got {type(model).__name__}")
    file = Path(path)
    fmt = check_format(format) if format is not None else format_of(file)
    atomic_write(file, serialise(model_to_data(model), fmt))
