"""Loading and saving goal chains and governance models; atomic writes."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path
from typing import Any

from ..exceptions import DirectoryNotFoundError, FileFormatError, InvalidValueError
from ..models import GoalChain, GovernanceModel
from ._codec import build_chain, model_from_document, model_to_data, split_data, to_data
from ._document import check_format, format_of, parse_text, read_document
from ._limits import Limits

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


def _missing_part(directory: Path) -> Path:
    """The first part of *directory*'s path that is missing (or a file), from the top."""
    for part in reversed([directory, *directory.parents]):
        if not part.is_dir():
            return part
    return directory


def atomic_write(path: StrPath, text: str | bytes) -> None:
    """Write *text* (UTF-8), or bytes as they are, to *path* atomically.

    The text goes to a temporary file in the same directory, which is flushed,
    synced to disk and then moved over *path* with :func:`os.replace`. If any step
    fails, the temporary file is removed and an existing *path* is left exactly as
    it was. An existing file's permissions are kept; a symbolic link is followed,
    so the file it points to is replaced.

    Raises
    ------
    DirectoryNotFoundError
        When the directory to write in does not exist; names the directory
        (a :class:`FileNotFoundError` and a :class:`~goalchain.exceptions.GoalchainError`).
    FileFormatError
        When *text* cannot be encoded as UTF-8.

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
    if isinstance(text, bytes):
        payload = text
    else:
        try:
            payload = text.encode("utf-8")
        except UnicodeEncodeError as err:
            raise FileFormatError(
                f"the text cannot be written as UTF-8 ({err.reason} at character {err.start})",
                file=os.fspath(path),
            ) from err
    target = Path(os.path.realpath(path))
    mode: int | None = None
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        mode = stat.S_IMODE(os.stat(target).st_mode)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(temp, flags, 0o666)
            break
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
        except (FileNotFoundError, NotADirectoryError) as err:
            if target.parent.is_dir():  # pragma: no cover - removed meanwhile
                raise
            raise DirectoryNotFoundError(
                os.fspath(path), str(target.parent), str(_missing_part(target.parent))
            ) from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
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
    return build_chain(read_document(file, limits=limits), base_dir=file.parent, limits=limits)


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
        relative to *path*. The data file is written first, then the structure.

    Raises
    ------
    FileFormatError
        When the extension is not ``.yaml``, ``.yml`` or ``.json`` and no
        *format* is given, or a field cannot be written.

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
    if data_path is None:
        atomic_write(file, serialise(data, fmt))
        return
    data_file = Path(data_path)
    if os.path.abspath(data_file) == os.path.abspath(file):
        raise InvalidValueError(
            "data_path must be another file than path; leave it out to write one file",
            field="data_path",
        )
    data_fmt = format_of(data_file)
    try:
        reference = os.path.relpath(os.path.abspath(data_file), os.path.abspath(file.parent))
    except ValueError:  # pragma: no cover - another drive on Windows
        reference = os.path.abspath(data_file)
    structure, datafile = split_data(data, Path(reference).as_posix())
    structure_text = serialise(structure, fmt)
    data_text = serialise(datafile, data_fmt)
    atomic_write(data_file, data_text)
    atomic_write(file, structure_text)


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
    return model_from_document(read_document(Path(path), limits=limits))


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
