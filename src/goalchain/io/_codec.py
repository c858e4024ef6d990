"""GoalChain <-> plain data: the document model of the file format.

:func:`to_data` turns a chain into plain Python values (dict, list, str, int,
float, bool, None, ``datetime.date``) in the order files are written;
:func:`from_data` builds a chain from such values, checking every field's type
and shape first (``FileFormatError`` naming the field, line and column) and then
letting the chain validate the values (the chain's own error classes, located).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from .._i18n import N_
from ..exceptions import (
    DuplicateError,
    FileFormatError,
    FormatVersionError,
    GoalchainError,
    LevelError,
    Message,
    Plural,
    UnknownElementError,
)
from ..models import (
    PRESETS,
    Activity,
    Assessment,
    Element,
    Goal,
    GoalChain,
    GovernanceModel,
    Indicator,
    Level,
    Measurement,
    get_model,
)
from ._document import Document, FieldPath, describe, format_path, read_document
from ._limits import Limits
from ._paths import not_a_regular_file

__all__ = [
    "FORMAT_VERSION",
    "SUPPORTED_VERSIONS",
    "build_chain",
    "from_data",
    "model_from_data",
    "model_from_document",
    "model_to_data",
    "split_data",
    "to_data",
]

FORMAT_VERSION = 1
"""The format version goalchain writes (``goalchain: 1``)."""

SUPPORTED_VERSIONS: tuple[int, ...] = (1,)
"""The format versions goalchain reads."""

TOP_KEYS = (
    "goalchain",
    "name",
    "municipality",
    "model",
    "rollup",
    "elements",
    "measurements",
    "assessments",
    "data",
)
DATA_FILE_KEYS = ("goalchain", "measurements", "assessments")
COMMON_KEYS = ("id", "kind", "level", "title", "parents", "owner", "description", "tags")
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "goal": ("decision", "cross_cutting", "rollup"),
    "indicator": (
        "unit",
        "direction",
        "baseline",
        "target",
        "annual_targets",
        "progression",
        "kolada",
        "frequency",
        "lag",
        "limit",
    ),
    "activity": ("start", "due", "status", "progress"),
}
DECISION_KEYS = ("body", "date", "reference")
MEASUREMENT_KEYS = ("indicator", "period", "value", "unit", "gender", "preliminary", "source")
ASSESSMENT_KEYS = (
    "element",
    "period",
    "status",
    "score",
    "rationale",
    "participants",
    "date",
    "method",
)
MODEL_KEYS = ("name", "label_sv", "label_en", "description", "levels")
LEVEL_KEYS = ("key", "label_sv", "label_en", "kind", "children", "owner_required", "description")
MODEL_FILE_EXTENSIONS = (".yaml", ".yml", ".json")
MAX_DATA_FILES = 1000
"""The most data files a chain file may name under ``data`` (each is read once)."""
_CLASSES: dict[str, type[Element]] = {"goal": Goal, "indicator": Indicator, "activity": Activity}
# who needs a field of an element, by kind
_EVERY = {
    "goal": N_("every goal"),
    "indicator": N_("every indicator"),
    "activity": N_("every activity"),
}
# a year, period or date written with other digits than 0-9
_FOREIGN_DIGIT = {
    "date": N_(
        "the date {value!r} is written with the digit {digit!r} (U+{code:04X}); write dates "
        "with the digits 0-9, such as 2024-11-20"
    ),
    "year": N_(
        "the year {value!r} is written with the digit {digit!r} (U+{code:04X}); write years "
        "with the digits 0-9, such as 2024"
    ),
    "period": N_(
        "the period {value!r} is written with the digit {digit!r} (U+{code:04X}); write "
        "periods with the digits 0-9, such as 2024"
    ),
}
# a file that is not a mapping, or lacks its format version: a chain or a data file
_NOT_A_FILE = {
    "goal chain": N_(
        "expected a goal chain file: a mapping that starts with 'goalchain: {version}', got {value}"
    ),
    "data": N_(
        "expected a data file: a mapping that starts with 'goalchain: {version}', got {value}"
    ),
}
_NO_VERSION = {
    "goal chain": N_(
        "the format version is missing; a goal chain file starts with 'goalchain: {version}'"
    ),
    "data": N_("the format version is missing; a data file starts with 'goalchain: {version}'"),
}
_NO_MODEL_FILE = N_("cannot read the model file {value!r} ({file}): {why}")
_NO_DATA_FILE = N_("cannot read the data file {ref!r} ({file}): {why}")


# ------------------------------------------------------------------ writing


def _plain(value: Any, path: FieldPath) -> Any:
    """A plain copy of a free-form value (an unknown field), or FileFormatError."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return dt.datetime(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            tzinfo=value.tzinfo,
        )
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, Mapping):
        return {_text_key(k, path): _plain(v, (*path, k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, (*path, i)) for i, v in enumerate(value)]
    raise FileFormatError(
        N_(
            "cannot write {value} to a file; fields goalchain does not know may hold "
            "text, numbers, booleans, dates, lists and mappings"
        ),
        field=format_path(path),
        params={"value": describe(value)},
    )


def _text_key(key: Any, path: FieldPath) -> str:
    """Mapping keys in files are text; another key would be read back as text, changed."""
    if not isinstance(key, str):
        raise FileFormatError(
            N_(
                "the key {key!r} is not text; keys of fields goalchain does not know must be "
                "text to be written and read back unchanged (use {text!r})"
            ),
            field=format_path(path),
            params={"key": key, "text": str(key)},
        )
    return key


def _extras(extra: Mapping[str, Any], known: tuple[str, ...], path: FieldPath) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in extra.items():
        _text_key(key, path)
        if key in known:
            raise FileFormatError(
                N_(
                    "the extra field {key!r} has the name of a field goalchain knows, so it "
                    "cannot be written beside it; rename it"
                ),
                field=format_path((*path, key)),
                params={"key": key},
            )
        out[key] = _plain(value, (*path, key))
    return out


def model_to_data(model: GovernanceModel) -> dict[str, Any]:
    """A governance model as written to files (the inverse of :func:`model_from_data`)."""
    return model.to_data()


def _model_ref(model: GovernanceModel) -> str | dict[str, Any]:
    preset = PRESETS.get(model.name)
    if preset is not None and preset == model:
        return model.name
    return model_to_data(model)


def _element_to_data(
    element: Element, parents: list[tuple[str, float]], path: FieldPath
) -> dict[str, Any]:
    out: dict[str, Any] = {"id": element.id}
    if element.kind != "goal":
        out["kind"] = element.kind
    out["level"] = element.level
    out["title"] = element.title
    if parents:
        if all(weight == 1.0 for _, weight in parents):
            out["parents"] = [parent for parent, _ in parents]
        else:
            out["parents"] = {parent: weight for parent, weight in parents}
    if element.owner is not None:
        out["owner"] = element.owner
    if element.description is not None:
        out["description"] = element.description
    if element.tags:
        out["tags"] = list(element.tags)
    if isinstance(element, Goal):
        if element.decision is not None:
            decision: dict[str, Any] = {"body": element.decision.body}
            if element.decision.date is not None:
                decision["date"] = element.decision.date
            if element.decision.reference is not None:
                decision["reference"] = element.decision.reference
            decision.update(_extras(element.decision.extra, DECISION_KEYS, (*path, "decision")))
            out["decision"] = decision
        if element.cross_cutting:
            out["cross_cutting"] = True
        if element.rollup is not None:
            out["rollup"] = element.rollup
    elif isinstance(element, Indicator):
        out["unit"] = element.unit
        out["direction"] = element.direction
        if element.baseline is not None:
            out["baseline"] = {"year": element.baseline.year, "value": element.baseline.value}
        if element.target is not None:
            out["target"] = {"year": element.target.year, "value": element.target.as_written}
        if element.annual_targets:
            out["annual_targets"] = {t.year: t.as_written for t in element.annual_targets}
        if element.progression is not None:
            out["progression"] = element.progression
        if element.kolada is not None:
            out["kolada"] = element.kolada
        if element.frequency != "yearly":
            out["frequency"] = element.frequency
        if element.lag:
            out["lag"] = element.lag
        if element.limit is not None:
            out["limit"] = element.limit
    elif isinstance(element, Activity):
        if element.start is not None:
            out["start"] = element.start
        if element.due is not None:
            out["due"] = element.due
        out["status"] = element.status
        if element.progress is not None:
            out["progress"] = element.progress
    out.update(_extras(element.extra, COMMON_KEYS + KIND_KEYS[element.kind], path))
    return out


def _measurement_to_data(m: Measurement, unit: str, path: FieldPath) -> dict[str, Any]:
    out: dict[str, Any] = {"indicator": m.indicator, "period": m.period.to_data(), "value": m.value}
    if m.unit != unit:
        out["unit"] = m.unit
    if m.gender != "T":
        out["gender"] = m.gender
    if m.preliminary:
        out["preliminary"] = True
    if m.source is not None:
        out["source"] = m.source
    out.update(_extras(m.extra, MEASUREMENT_KEYS, path))
    return out


def _assessment_to_data(a: Assessment, path: FieldPath) -> dict[str, Any]:
    out: dict[str, Any] = {"element": a.element, "period": a.period.to_data(), "status": a.status}
    if a.score is not None:
        out["score"] = a.score
    if a.rationale:
        out["rationale"] = a.rationale
    if a.participants:
        out["participants"] = list(a.participants)
    if a.date is not None:
        out["date"] = a.date
    if a.method != "dialogue":
        out["method"] = a.method
    out.update(_extras(a.extra, ASSESSMENT_KEYS, path))
    return out


def to_data(chain: GoalChain) -> dict[str, Any]:
    """Return a chain as plain data: the document that files hold.

    Keys come in a fixed order (``goalchain``, ``name``, ``municipality``,
    ``model``, ``rollup``, ``elements``, ``measurements``, ``assessments``, then
    the fields goalchain does not know); values are dicts, lists, text, numbers, booleans,
    None and ``datetime.date``. The chain is not changed.

    Raises
    ------
    FileFormatError
        When an extra field cannot be written (an object that is not plain
        data, or a name that clashes with a known field).

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Burlövs kommun", model="burlov", municipality="1231")
    >>> _ = chain.add_goal("vision", "Burlöv - en plats att växa i", level="vision")
    >>> _ = chain.add_goal("kf1", "Fler elever ska nå gymnasiebehörighet", level="council",
    ...                    parents={"vision": 2.0})
    >>> data = gc.io.to_data(chain)
    >>> data["municipality"], data["model"]
    ('1231', 'burlov')
    >>> data["elements"][1]
    {'id': 'kf1', 'level': 'council', 'title': 'Fler elever ska nå gymnasiebehörighet',
     'parents': {'vision': 2.0}}
    """
    if not isinstance(chain, GoalChain):
        raise TypeError(f"expected a GoalChain, got {type(chain).__name__}")
    out: dict[str, Any] = {"goalchain": FORMAT_VERSION}
    if chain.name:
        out["name"] = chain.name
    if chain.municipality is not None:
        out["municipality"] = chain.municipality
    out["model"] = _model_ref(chain.model)
    settings = chain.rollup_settings.to_data()
    if settings:
        out["rollup"] = settings
    graph = chain.graph
    out["elements"] = [
        _element_to_data(
            element,
            [
                (parent, float(graph.edges[parent, element.id]["weight"]))
                for parent in graph.predecessors(element.id)
            ],
            ("elements", i),
        )
        for i, element in enumerate(chain.elements())
    ]
    units = {indicator.id: indicator.unit for indicator in chain.indicators()}
    measurements = [
        _measurement_to_data(m, units[m.indicator], ("measurements", i))
        for i, m in enumerate(chain.measurements())
    ]
    if measurements:
        out["measurements"] = measurements
    assessments = [
        _assessment_to_data(a, ("assessments", i)) for i, a in enumerate(chain.assessments())
    ]
    if assessments:
        out["assessments"] = assessments
    out.update(_extras(chain.metadata, TOP_KEYS, ()))
    return out


def split_data(data: Mapping[str, Any], data_ref: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a document into a structure document naming *data_ref*, and a data document."""
    structure: dict[str, Any] = {}
    for key in ("goalchain", "name", "municipality", "model", "rollup", "elements"):
        if key in data:
            structure[key] = data[key]
    structure["data"] = data_ref
    structure.update((k, v) for k, v in data.items() if k not in TOP_KEYS)
    datafile = {
        "goalchain": data["goalchain"],
        "measurements": list(data.get("measurements", [])),
        "assessments": list(data.get("assessments", [])),
    }
    return structure, datafile


# ------------------------------------------------------------------ reading


class _Reader:
    """Reads one document into a chain; every error says where."""

    def __init__(self, doc: Document, base_dir: Path, limits: Limits | None = None):
        self.doc = doc
        self.base_dir = base_dir
        self.limits = limits

    # -- errors
    def error(
        self,
        message: str,
        path: FieldPath,
        *,
        at: FieldPath | None = None,
        cls: type[FileFormatError] = FileFormatError,
        **params: object,
    ) -> FileFormatError:
        """The error about *path*: *message* is a template (``N_``), *params* its fields."""
        return self.doc.error(message, path, at=at, cls=cls, params=params)

    def fail(
        self,
        message: str,
        path: FieldPath,
        *,
        at: FieldPath | None = None,
        cls: type[FileFormatError] = FileFormatError,
        **params: object,
    ) -> NoReturn:
        raise self.error(message, path, at=at, cls=cls, **params)

    def locate(self, err: GoalchainError, path: FieldPath) -> GoalchainError:
        """Record where *err* lies: at the field it names inside *path*, else at *path*."""
        at = path
        field = getattr(err, "field", None)
        if isinstance(field, str) and field and not isinstance(err, FileFormatError):
            at = (*path, *field.split("."))
        line, column = self.doc.where(at)
        return err.locate(file=self.doc.source, line=line, column=column)

    @contextmanager
    def located(self, path: FieldPath) -> Iterator[None]:
        try:
            yield
        except GoalchainError as err:
            self.locate(err, path)
            raise

    # -- shapes and types
    def mapping(self, value: Any, path: FieldPath, what: str) -> Mapping[Any, Any]:
        """*value* if it is a mapping; *what* (``N_``) names what was expected."""
        if not isinstance(value, Mapping):
            self.fail(
                N_("expected {what} (a mapping of keys to values), got {value}"),
                path,
                what=Message(what),
                value=describe(value),
            )
        return value

    def sequence(self, value: Any, path: FieldPath, what: str) -> list[Any]:
        """*value* as a list if it is one; *what* (``N_``) names what was expected."""
        if not isinstance(value, (list, tuple)):
            self.fail(
                N_("expected {what}, got {value}"), path, what=Message(what), value=describe(value)
            )
        return list(value)

    def not_text(self, value: Any, path: FieldPath) -> NoReturn:
        if isinstance(value, (bool, int, float, dt.date)):
            raw = self.doc.raw_text(path)
            if raw is None:
                if isinstance(value, bool):
                    raw = str(value).lower()
                elif isinstance(value, dt.date):
                    raw = value.isoformat()
                else:
                    raw = str(value)
            self.fail(
                N_(
                    "{raw} is read as {value}, but this field is text and is "
                    'never converted; write it in quotes: "{raw}"'
                ),
                path,
                raw=raw,
                value=describe(value),
            )
        self.fail(N_("expected text, got {value}"), path, value=describe(value))

    def text(
        self, m: Mapping[Any, Any], key: str, path: FieldPath, *, required: str | None = None
    ) -> str | None:
        """The text at *key*; *required* (``N_``) says who needs it when it is missing."""
        value = m.get(key)
        if value is None:
            if required is not None:
                self.missing(m, key, path, required)
            return None
        if not isinstance(value, str):
            self.not_text(value, (*path, key))
        return value

    def texts(self, m: Mapping[Any, Any], key: str, path: FieldPath) -> tuple[str, ...]:
        value = m.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        items = self.sequence(value, (*path, key), N_("a list of texts"))
        for i, item in enumerate(items):
            if not isinstance(item, str):
                self.not_text(item, (*path, key, i))
        return tuple(items)

    def missing(self, m: Mapping[Any, Any], key: str, path: FieldPath, who: str) -> NoReturn:
        """*key* is missing (or empty) from *m*, and *who* (``N_``) needs one."""
        self.fail(
            N_("{key!r} is missing; {who} needs one")
            if key not in m
            else N_("{key!r} is empty; {who} needs one"),
            (*path, key),
            at=path if key not in m else None,
            key=key,
            who=Message(who),
        )

    def scalar(self, m: Mapping[Any, Any], key: str, path: FieldPath) -> Any:
        value = m.get(key)
        if isinstance(value, (Mapping, list, tuple)):
            self.fail(
                N_("expected a single value, got {value}"), (*path, key), value=describe(value)
            )
        return value

    def ascii_digits(self, value: Any, path: FieldPath, what: str) -> Any:
        """*value*; a year, period or date written with digits other than 0-9 is refused.

        Python reads ``"٢٠٢٤"`` (Arabic-Indic digits) as 2024 and refuses ``"²⁰²⁴"``
        with a bare ValueError; a file says either plainly, in ASCII digits.
        """
        if isinstance(value, str) and not value.isascii():
            odd = [char for char in value if char.isdigit() and char not in "0123456789"]
            if odd:
                self.fail(_FOREIGN_DIGIT[what], path, value=value, digit=odd[0], code=ord(odd[0]))
        return value

    def required(self, m: Mapping[Any, Any], key: str, path: FieldPath, who: str) -> Any:
        """The single value at *key*; *who* (``N_``) needs it."""
        if m.get(key) is None:
            self.missing(m, key, path, who)
        return self.scalar(m, key, path)

    def extra(self, m: Mapping[Any, Any], known: tuple[str, ...]) -> dict[str, Any]:
        return {str(k): v for k, v in m.items() if k not in known}

    def year_value(self, value: Any, path: FieldPath) -> tuple[Any, Any]:
        if isinstance(value, Mapping):
            unknown = [k for k in value if k not in ("year", "value")]
            if unknown:
                self.fail(
                    N_("unknown key {key!r}; a year and value pair has only 'year' and 'value'"),
                    (*path, unknown[0]),
                    key=unknown[0],
                )
            for key in ("year", "value"):
                if value.get(key) is None:
                    self.fail(
                        N_("{key!r} is missing; write {{year: 2026, value: 90.0}}"),
                        (*path, key),
                        at=path,
                        key=key,
                    )
            pair = (value["year"], value["value"])
        elif isinstance(value, (list, tuple)) and len(value) == 2:
            pair = (value[0], value[1])
        else:
            self.fail(
                N_(
                    "expected a year and a value: {{year: 2026, value: 90.0}} or "
                    "[2026, 90.0]; got {value}"
                ),
                path,
                value=describe(value),
            )
        for i, item in enumerate(pair):
            if isinstance(item, (Mapping, list, tuple)):
                self.fail(
                    N_("expected a single value, got {value}"),
                    (*path, ("year", "value")[i]) if isinstance(value, Mapping) else (*path, i),
                    value=describe(item),
                )
        self.ascii_digits(
            pair[0], (*path, "year") if isinstance(value, Mapping) else (*path, 0), "year"
        )
        return pair

    # -- the document
    def top(
        self, allowed: tuple[str, ...] | None = None, what: str = "goal chain"
    ) -> Mapping[Any, Any]:
        data = self.doc.data
        if not isinstance(data, Mapping):
            self.fail(_NOT_A_FILE[what], (), version=FORMAT_VERSION, value=describe(data))
        if "goalchain" not in data:
            self.fail(_NO_VERSION[what], ("goalchain",), at=(), version=FORMAT_VERSION)
        version = data["goalchain"]
        if isinstance(version, bool) or not isinstance(version, int):
            self.fail(
                N_("the format version must be a whole number such as {version}, got {value}"),
                ("goalchain",),
                version=FORMAT_VERSION,
                value=describe(version),
            )
        if version not in SUPPORTED_VERSIONS:
            self.fail(
                N_(
                    "format version {version} is not supported (a newer goalchain may read "
                    "it); this goalchain reads format version {supported}"
                )
                if version > max(SUPPORTED_VERSIONS)
                else N_(
                    "format version {version} is not supported; this goalchain "
                    "reads format version {supported}"
                ),
                ("goalchain",),
                cls=FormatVersionError,
                version=version,
                supported=", ".join(str(v) for v in SUPPORTED_VERSIONS),
            )
        if allowed is not None:
            for key in data:
                if key not in allowed:
                    self.fail(
                        N_(
                            "{key!r} does not belong in a data file, which holds only "
                            "{allowed}; put the structure and other fields in "
                            "the structure file"
                        ),
                        (str(key),),
                        key=key,
                        allowed=", ".join(allowed),
                    )
        return data

    def chain(self) -> GoalChain:
        top = self.top()
        name = self.text(top, "name", ()) or ""
        municipality = self.text(top, "municipality", ())
        model = self.model_ref(top)
        metadata = self.extra(top, TOP_KEYS)
        if top.get("status_scale") is not None:  # kept in the metadata, checked here
            from ..rollup import StatusScale

            with self.located(("status_scale",)):
                StatusScale.from_mapping(top["status_scale"])
        settings = None
        if top.get("rollup") is not None:
            from ..rollup import RollupSettings

            with self.located(()):  # the errors name rollup.scorer, rollup.levels.committee...
                settings = RollupSettings.from_mapping(top["rollup"], model=model)
        with self.located(()):
            chain = GoalChain(
                name, model, municipality=municipality, metadata=metadata, rollup=settings
            )
        if top.get("elements") is not None:
            self.elements(chain, top["elements"], ("elements",))
        self.data(chain, top)
        for ref, path in self.data_refs(top.get("data")):
            self.data_file(chain, ref, path)
        return chain

    def data(self, chain: GoalChain, top: Mapping[Any, Any]) -> None:
        if top.get("measurements") is not None:
            self.measurements(chain, top["measurements"], ("measurements",))
        if top.get("assessments") is not None:
            self.assessments(chain, top["assessments"], ("assessments",))

    # -- the governance model
    def model_ref(self, top: Mapping[Any, Any]) -> GovernanceModel:
        path: FieldPath = ("model",)
        value = top.get("model")
        if value is None:
            return get_model("classic")
        if isinstance(value, Mapping):
            return self.model(value, path)
        if not isinstance(value, str):
            self.not_text(value, path)
        if value.lower().endswith(MODEL_FILE_EXTENSIONS):
            file = self.base_dir / value
            why = not_a_regular_file(file)
            if why is not None:
                self.fail(_NO_MODEL_FILE, path, value=value, file=str(file), why=why)
            try:
                doc = read_document(file, limits=self.limits)
            except OSError as err:
                raise self.error(
                    _NO_MODEL_FILE, path, value=value, file=str(file), why=err.strerror or str(err)
                ) from err
            return model_from_document(doc)
        with self.located(path):
            return get_model(value)

    def model(self, value: Any, path: FieldPath) -> GovernanceModel:
        m = self.mapping(value, path, N_("a governance model"))
        for key in m:
            if key not in MODEL_KEYS:
                self.fail(
                    N_(
                        "unknown key {key!r} in a governance model; valid keys: "
                        "{valid} (a model's keys are checked, not kept)"
                    ),
                    (*path, str(key)),
                    key=key,
                    valid=", ".join(MODEL_KEYS),
                )
        name = self.text(m, "name", path, required=N_("a governance model"))
        labels = {
            k: self.text(m, k, path) for k in ("label_sv", "label_en", "description") if k in m
        }
        if m.get("levels") is None:
            self.fail(
                N_("'levels' is missing; a governance model needs its levels, top first"),
                (*path, "levels"),
                at=path,
            )
        items = self.sequence(m["levels"], (*path, "levels"), N_("a list of levels"))
        levels = [self.level(item, (*path, "levels", i)) for i, item in enumerate(items)]
        with self.located(path):
            return GovernanceModel(name=name, levels=levels, **labels)  # type: ignore[arg-type]

    def level(self, value: Any, path: FieldPath) -> Level:
        m = self.mapping(value, path, N_("a level"))
        for key in m:
            if key not in LEVEL_KEYS:
                self.fail(
                    N_(
                        "unknown key {key!r} in a level; valid keys: {valid} "
                        "(a model's keys are checked, not kept)"
                    ),
                    (*path, str(key)),
                    key=key,
                    valid=", ".join(LEVEL_KEYS),
                )
        fields: dict[str, Any] = {
            "key": self.text(m, "key", path, required=N_("a level")),
            "label_sv": self.text(m, "label_sv", path, required=N_("a level")),
            "label_en": self.text(m, "label_en", path, required=N_("a level")),
        }
        if m.get("kind") is not None:
            fields["kind"] = self.text(m, "kind", path)
        if m.get("children") is not None:
            if isinstance(m["children"], str):
                self.fail(
                    N_("expected a list of level keys, such as [committee]; got {value}"),
                    (*path, "children"),
                    value=describe(m["children"]),
                )
            fields["children"] = self.texts(m, "children", path)
        if m.get("owner_required") is not None:
            if not isinstance(m["owner_required"], bool):
                self.fail(
                    N_("expected true or false, got {value}"),
                    (*path, "owner_required"),
                    value=describe(m["owner_required"]),
                )
            fields["owner_required"] = m["owner_required"]
        if "description" in m:
            fields["description"] = self.text(m, "description", path)
        with self.located(path):
            return Level(**fields)

    # -- elements
    def elements(self, chain: GoalChain, value: Any, path: FieldPath) -> None:
        items = self.sequence(value, path, N_("a list of elements"))
        pending: list[tuple[str, list[tuple[str, Any, FieldPath]], FieldPath]] = []
        for i, item in enumerate(items):
            item_path = (*path, i)
            element, parents = self.element(chain, item, item_path)
            try:
                chain.add(element)
            except DuplicateError as err:
                raise self.locate(err, (*item_path, "id")) from None
            except LevelError as err:
                raise self.locate(err, (*item_path, "level")) from None
            pending.append((element.id, parents, item_path))
        # Every element exists now, so a child may come before its parent in the file.
        for element_id, parents, _ in pending:
            for parent, weight, parent_path in parents:
                if parent not in chain:
                    raise self.locate(
                        UnknownElementError(
                            parent,
                            known=chain,
                            context=Message(
                                N_("named as parent of {element!r}"), element=element_id
                            ),
                        ),
                        parent_path,
                    )
                with self.located(parent_path):
                    chain.link(parent, element_id, weight)

    def element(
        self, chain: GoalChain, value: Any, path: FieldPath
    ) -> tuple[Element, list[tuple[str, Any, FieldPath]]]:
        m = self.mapping(value, path, N_("an element"))
        kind = self.text(m, "kind", path) or "goal"
        if kind not in _CLASSES:
            self.fail(
                N_("unknown kind {kind!r}; valid kinds: {valid}"),
                (*path, "kind"),
                kind=kind,
                valid=", ".join(_CLASSES),
            )
        who = _EVERY[kind]
        element_id = self.text(m, "id", path, required=who)
        assert element_id is not None
        fields: dict[str, Any] = {
            "id": element_id,
            "title": self.text(m, "title", path, required=who),
            "level": self.text(m, "level", path, required=who if kind == "goal" else None),
        }
        if fields["level"] is None:
            with self.located(path):
                fields["level"] = chain.model.default_level(kind)  # type: ignore[arg-type]
        parents = self.parents(m.get("parents"), (*path, "parents"), element_id)
        for key in ("owner", "description"):
            if key in m:
                fields[key] = self.text(m, key, path)
        fields["tags"] = self.texts(m, "tags", path)
        if kind == "goal":
            self.goal_fields(m, path, fields)
        elif kind == "indicator":
            self.indicator_fields(m, path, fields, who)
        else:
            self.activity_fields(m, path, fields)
        fields["extra"] = self.extra(m, COMMON_KEYS + KIND_KEYS[kind])
        with self.located(path):
            return _CLASSES[kind](**fields), parents

    def parents(
        self, value: Any, path: FieldPath, element_id: str
    ) -> list[tuple[str, Any, FieldPath]]:
        if value is None:
            return []
        entries: list[tuple[str, Any, FieldPath]] = []
        if isinstance(value, str):
            entries.append((value, 1.0, path))
        elif isinstance(value, Mapping):
            for key, weight in value.items():
                entry_path = (*path, key)
                if not isinstance(key, str):
                    self.not_text(key, entry_path)
                if isinstance(weight, bool) or not isinstance(weight, (int, float)):
                    self.fail(
                        N_("the weight of parent {key!r} must be a number >= 0, got {value}"),
                        entry_path,
                        key=key,
                        value=describe(weight),
                    )
                entries.append((key, weight, entry_path))
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                if not isinstance(item, str):
                    self.not_text(item, (*path, i))
                entries.append((item, 1.0, (*path, i)))
        else:
            self.fail(
                N_(
                    "expected a list of parent ids, or a mapping of parent id to weight; "
                    "got {value}"
                ),
                path,
                value=describe(value),
            )
        seen: set[str] = set()
        for parent, _, entry_path in entries:
            if parent in seen:
                raise self.locate(
                    DuplicateError(
                        N_("{parent!r} is named twice as parent of {element!r}"),
                        element=element_id,
                        params={"parent": parent, "element": element_id},
                    ),
                    entry_path,
                )
            seen.add(parent)
        return entries

    def goal_fields(self, m: Mapping[Any, Any], path: FieldPath, fields: dict[str, Any]) -> None:
        if m.get("decision") is not None:
            decision_path = (*path, "decision")
            d = self.mapping(
                m["decision"], decision_path, N_("a decision {{body, date, reference}}")
            )
            decision: dict[str, Any] = {
                "body": self.text(d, "body", decision_path, required=N_("a decision"))
            }
            if d.get("date") is not None:
                decision["date"] = self.ascii_digits(
                    self.scalar(d, "date", decision_path), (*decision_path, "date"), "date"
                )
            if "reference" in d:
                decision["reference"] = self.text(d, "reference", decision_path)
            decision.update(self.extra(d, DECISION_KEYS))
            fields["decision"] = decision
        if m.get("cross_cutting") is not None:
            fields["cross_cutting"] = self.scalar(m, "cross_cutting", path)
        if "rollup" in m:
            fields["rollup"] = self.text(m, "rollup", path)
        if m.get("status_scale") is not None:  # kept in the goal's extra, checked here
            from ..rollup._settings import element_scale

            with self.located(path):  # the error names status_scale.achieved...
                element_scale(m["status_scale"], element=fields["id"])

    def indicator_fields(
        self, m: Mapping[Any, Any], path: FieldPath, fields: dict[str, Any], who: str
    ) -> None:
        fields["unit"] = self.text(m, "unit", path, required=who)
        for key in ("direction", "frequency"):
            if m.get(key) is not None:
                fields[key] = self.text(m, key, path)
        for key in ("progression", "kolada"):
            if key in m:
                fields[key] = self.text(m, key, path)
        for key in ("baseline", "target"):
            if m.get(key) is not None:
                fields[key] = self.year_value(m[key], (*path, key))
        targets = m.get("annual_targets")
        if targets is not None:
            targets_path = (*path, "annual_targets")
            if isinstance(targets, Mapping):
                pairs = []
                for year, item in targets.items():
                    if isinstance(item, (Mapping, list, tuple)):
                        self.fail(
                            N_("expected a single value, got {value}"),
                            (*targets_path, year),
                            value=describe(item),
                        )
                    self.ascii_digits(year, (*targets_path, year), "year")
                    pairs.append((year, item))
            elif isinstance(targets, (list, tuple)):
                pairs = [
                    self.year_value(item, (*targets_path, i)) for i, item in enumerate(targets)
                ]
            else:
                self.fail(
                    N_("expected a mapping of year to value, such as {{2025: 84.0}}; got {value}"),
                    targets_path,
                    value=describe(targets),
                )
            fields["annual_targets"] = pairs
        if m.get("lag") is not None:
            fields["lag"] = self.scalar(m, "lag", path)
        if m.get("limit") is not None:
            fields["limit"] = self.scalar(m, "limit", path)

    def activity_fields(
        self, m: Mapping[Any, Any], path: FieldPath, fields: dict[str, Any]
    ) -> None:
        for key in ("start", "due", "progress"):
            if m.get(key) is not None:
                fields[key] = self.ascii_digits(self.scalar(m, key, path), (*path, key), "date")
        if m.get("status") is not None:
            fields["status"] = self.text(m, "status", path)

    # -- data
    def measurements(self, chain: GoalChain, value: Any, path: FieldPath) -> None:
        for i, item in enumerate(self.sequence(value, path, N_("a list of measurements"))):
            item_path = (*path, i)
            m = self.mapping(item, item_path, N_("a measurement"))
            who = N_("a measurement")
            indicator = self.text(m, "indicator", item_path, required=who)
            assert indicator is not None
            period = self.required(m, "period", item_path, who)
            self.ascii_digits(period, (*item_path, "period"), "period")
            number = self.required(m, "value", item_path, who)
            if isinstance(number, bool) or not isinstance(number, (int, float, str)):
                self.fail(
                    N_("expected a number, or a text with a unit such as '12,5 %'; got {value}"),
                    (*item_path, "value"),
                    value=describe(number),
                )
            unit = self.text(m, "unit", item_path)
            gender = self.text(m, "gender", item_path)
            source = self.text(m, "source", item_path)
            preliminary = self.scalar(m, "preliminary", item_path)
            if indicator not in chain:
                raise self.locate(
                    UnknownElementError(
                        indicator, known=chain, context=Message(N_("named by a measurement"))
                    ),
                    (*item_path, "indicator"),
                )
            with self.located(item_path):
                chain.record(
                    indicator,
                    period,
                    number,
                    unit=unit,
                    gender="T" if gender is None else gender,
                    preliminary=False if preliminary is None else preliminary,
                    source=source,
                    extra=self.extra(m, MEASUREMENT_KEYS),
                )

    def assessments(self, chain: GoalChain, value: Any, path: FieldPath) -> None:
        for i, item in enumerate(self.sequence(value, path, N_("a list of assessments"))):
            item_path = (*path, i)
            m = self.mapping(item, item_path, N_("an assessment"))
            who = N_("an assessment")
            element = self.text(m, "element", item_path, required=who)
            assert element is not None
            period = self.required(m, "period", item_path, who)
            self.ascii_digits(period, (*item_path, "period"), "period")
            status = self.text(m, "status", item_path, required=who)
            rationale = self.text(m, "rationale", item_path)
            method = self.text(m, "method", item_path)
            participants = self.texts(m, "participants", item_path)
            score = self.scalar(m, "score", item_path)
            date = self.ascii_digits(
                self.scalar(m, "date", item_path), (*item_path, "date"), "date"
            )
            if element not in chain:
                raise self.locate(
                    UnknownElementError(
                        element, known=chain, context=Message(N_("named by an assessment"))
                    ),
                    (*item_path, "element"),
                )
            with self.located(item_path):
                chain.assess(
                    element,
                    period,
                    status=status,  # type: ignore[arg-type]
                    rationale=rationale or "",
                    participants=participants,
                    score=score,
                    date=date,
                    method="dialogue" if method is None else method,
                    extra=self.extra(m, ASSESSMENT_KEYS),
                )

    def data_refs(self, value: Any) -> list[tuple[str, FieldPath]]:
        path: FieldPath = ("data",)
        if value is None:
            return []
        if isinstance(value, str):
            refs = [(value, path)]
        else:
            items = self.sequence(value, path, N_("a path or a list of paths of data files"))
            refs = []
            for i, item in enumerate(items):
                if not isinstance(item, str):
                    self.not_text(item, (*path, i))
                refs.append((item, (*path, i)))
        seen: dict[str, FieldPath] = {}
        for ref, ref_path in refs[: MAX_DATA_FILES + 1]:
            if not ref.lower().endswith(MODEL_FILE_EXTENSIONS):
                self.fail(
                    N_("data file {ref!r} must end in .yaml, .yml or .json"), ref_path, ref=ref
                )
            key = os.path.normcase(os.path.abspath(self.base_dir / ref))
            if key in seen:
                line = self.doc.where(seen[key])[0]
                first: str | Message = format_path(seen[key])
                if line is not None:
                    first = Message(N_("{field} (line {line})"), field=first, line=line)
                self.fail(
                    N_(
                        "data file {ref!r} is named again; it is already named at {first}, "
                        "and each data file is read once: remove this entry"
                    ),
                    ref_path,
                    ref=ref,
                    first=first,
                )
            seen[key] = ref_path
        if len(refs) > MAX_DATA_FILES:
            self.fail(
                N_(
                    "{named}; a chain reads at most {most} "
                    "(put the measurements of several files in one)"
                ),
                path,
                named=Plural("{n} data file is named", "{n} data files are named", len(refs)),
                most=MAX_DATA_FILES,
            )
        return refs

    def data_file(self, chain: GoalChain, ref: str, path: FieldPath) -> None:
        file = self.base_dir / ref
        why = not_a_regular_file(file)
        if why is not None:
            self.fail(_NO_DATA_FILE, path, ref=ref, file=str(file), why=why)
        try:
            doc = read_document(file, limits=self.limits)
        except OSError as err:
            raise self.error(
                _NO_DATA_FILE, path, ref=ref, file=str(file), why=err.strerror or str(err)
            ) from err
        reader = _Reader(doc, file.parent, self.limits)
        top = reader.top(DATA_FILE_KEYS, what="data")
        reader.data(chain, top)


def build_chain(doc: Document, *, base_dir: Path, limits: Limits | None = None) -> GoalChain:
    """Build a chain from a parsed document; files it names are relative to *base_dir*
    and read within *limits*."""
    return _Reader(doc, base_dir, limits).chain()


def from_data(
    data: Any, *, source: str | None = None, base_dir: str | Path | None = None
) -> GoalChain:
    """Build a chain from plain data, the form :func:`to_data` returns and files hold.

    Parameters
    ----------
    data
        A mapping with ``goalchain: 1``, ``elements``, ``measurements``...
        (see the file-format reference).
    source
        A name for the data, shown in error messages.
    base_dir
        The directory that relative model and data file paths start from;
        the current directory by default.

    Raises
    ------
    FileFormatError
        For a wrong type or shape, naming the field (``elements[3].baseline``).
    FormatVersionError
        For a format version this goalchain cannot read.
    GoalchainError
        The chain's own errors for values it refuses (``CycleError``,
        ``UnknownLevelError``, ``UnitMismatchError``...).

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.io.from_data({
    ...     "goalchain": 1, "model": "classic",
    ...     "elements": [
    ...         {"id": "kf1", "level": "council", "title": "Trygg kommun", "parents": ["vision"]},
    ...         {"id": "vision", "level": "vision", "title": "Den goda staden"},
    ...     ],
    ... })
    >>> chain.parents("kf1")
    ['vision']
    >>> gc.io.from_data({"goalchain": 1, "municipality": 192})
    Traceback (most recent call last):
    ...
    goalchain.exceptions.FileFormatError: municipality: 192 is read as the number 192,
    but this field is text and is never converted; write it in quotes: "192"
    """
    return build_chain(Document(data, source), base_dir=Path(base_dir or ""))


def model_from_document(doc: Document) -> GovernanceModel:
    """Build a governance model from a parsed model file."""
    return _Reader(doc, Path()).model(doc.data, ())


def model_from_data(data: Any, *, source: str | None = None) -> GovernanceModel:
    """Build a governance model from plain data; unknown keys are refused."""
    return model_from_document(Document(data, source))
