"""What a criterion answers (:class:`Judgement`) and what a report holds (:class:`SmartFinding`)."""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal, NamedTuple

import attrs

from .._i18n import N_, catalog_dirs, check_lang, gettext, languages, pgettext
from ..exceptions import InvalidValueError

__all__ = [
    "LANGUAGES",
    "VERDICTS",
    "Judgement",
    "SmartFinding",
    "Verdict",
    "check_lang",
    "verdict_label",
    "worst",
]

Verdict = Literal["pass", "warn", "fail", "not_applicable"]

VERDICTS: tuple[str, ...] = ("pass", "warn", "fail", "not_applicable")
"""The verdicts a criterion can give, in the order reports list them."""


_RANK = {"not_applicable": 0, "pass": 1, "warn": 2, "fail": 3}

LANGUAGES: tuple[str, ...] = ("sv", "en")
"""Swedish and English, the languages goalchain ships; any language of
:func:`goalchain._i18n.languages` (a catalog added) is spoken too."""

_VERDICT_LABELS: dict[str, Callable[[str], str]] = {
    "pass": lambda lang: pgettext("SMART verdict", "pass", lang),
    "warn": lambda lang: pgettext("SMART verdict", "warn", lang),
    "fail": lambda lang: pgettext("SMART verdict", "fail", lang),
    "not_applicable": lambda lang: pgettext("SMART verdict", "not applicable", lang),
}


def verdict_label(verdict: str, lang: str = "sv") -> str:
    """The verdict in *lang* (``fail`` -> ``underkänt``).

    Raises
    ------
    KeyError
        For an unknown verdict.
    InvalidValueError
        For a language goalchain does not speak.

    Examples
    --------
    >>> from goalchain.smart import verdict_label
    >>> verdict_label("not_applicable"), verdict_label("warn", "en")
    ('ej tillämpligt', 'warn')
    """
    return _VERDICT_LABELS[verdict](lang)


def worst(verdicts: Any) -> Verdict:
    """The most serious of some verdicts (``fail`` > ``warn`` > ``pass`` > ``not_applicable``).

    Examples
    --------
    >>> from goalchain.smart import worst
    >>> worst(["pass", "warn", "not_applicable"])
    'warn'
    >>> worst([])
    'not_applicable'
    """
    out: Verdict = "not_applicable"
    for verdict in verdicts:
        if _RANK[verdict] > _RANK[out]:
            out = verdict
    return out


class Texts(Mapping[str, str]):
    """A text in each language goalchain speaks: a small, immutable, hashable mapping.

    Swedish and English are kept as attributes (the check reads them often); the
    text in another language (a catalog added, see :func:`goalchain._i18n.languages`)
    is one of *other* (a mapping), made by *other* (a function of the language,
    asked once per language), or else the English text, as gettext falls back to
    the code's language.

    Examples
    --------
    >>> from goalchain.smart._finding import Texts
    >>> t = Texts("målet saknar ägare", "the goal has no owner")
    >>> t["en"], dict(t)
    ('the goal has no owner', {'sv': 'målet saknar ägare', 'en': 'the goal has no owner'})
    """

    __slots__ = ("_other", "en", "sv")

    def __init__(
        self,
        sv: str,
        en: str,
        other: Mapping[str, str] | Callable[[str], str] | None = None,
    ):
        self.sv = sv
        self.en = en
        # None, the texts given in other languages, or (function, *arguments) making one
        self._other: dict[str, str] | tuple[Any, ...] | None
        if other is None:
            self._other = None
        elif isinstance(other, Mapping):
            self._other = {k: v for k, v in other.items() if k not in ("sv", "en")} or None
        else:
            self._other = (other,)

    def __getitem__(self, lang: str) -> str:
        if lang == "sv":
            return self.sv
        if lang == "en":
            return self.en
        if not isinstance(lang, str) or lang not in languages():
            raise KeyError(lang)
        other = self._other
        if other is None:
            return self.en
        if isinstance(other, dict):
            return other.get(lang, self.en)
        return other[0](*other[1:], lang)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(languages())

    def __len__(self) -> int:
        return len(languages())

    def _given(self) -> dict[str, str]:
        """The texts of other languages given as such (not made later)."""
        return self._other if isinstance(self._other, dict) else {}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Texts):
            return self.sv == other.sv and self.en == other.en and self._given() == other._given()
        return Mapping.__eq__(self, other)

    def __hash__(self) -> int:
        return hash((self.sv, self.en))

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled with its text in every language (a function making them may not pickle)
        other = {lang: self[lang] for lang in languages() if lang not in ("sv", "en")}
        return (Texts, (self.sv, self.en, other or None))

    def __repr__(self) -> str:
        given = self._given()
        more = "".join(f", {lang}={text!r}" for lang, text in given.items())
        return f"Texts(sv={self.sv!r}, en={self.en!r}{more})"


_EMPTY = Texts("", "")


def _texts(value: Any) -> Texts:
    """One string for every language, or a mapping ``{"sv": ..., "en": ..., ...}``."""
    if isinstance(value, Texts):
        return value
    if value is None or value == "":
        return _EMPTY
    if isinstance(value, str):
        return Texts(value, value)
    if type(value) is dict and len(value) == 2 and "sv" in value and "en" in value:
        sv, en = value["sv"], value["en"]
        if isinstance(sv, str) and isinstance(en, str):  # the common case, without the ABCs
            return Texts(sv, en)
    if isinstance(value, Mapping):
        if not value or not all(isinstance(v, str) for v in value.values()):
            raise InvalidValueError(
                N_("expected text per language {{'sv': ..., 'en': ...}}, got {value!r}"),
                params={"value": value},
            )
        known = languages()
        unknown = [lang for lang in value if lang not in known]
        if unknown:
            raise InvalidValueError(
                N_("text in unknown language {lang!r}; valid: {valid}"),
                params={"lang": unknown[0], "valid": ", ".join(known)},
            )
        fallback = value.get("sv", next(iter(value.values())))
        return Texts(value.get("sv", fallback), value.get("en", fallback), value)
    raise InvalidValueError(
        N_("expected a string or {{'sv': ..., 'en': ...}}, got {value!r}"), params={"value": value}
    )


def translated(message: str) -> Texts:
    """*message* (English, marked with ``N_``) in every language, from the catalogs.

    Examples
    --------
    >>> from goalchain.smart._finding import translated
    >>> translated("pass")["en"]
    'pass'
    """
    found = _TRANSLATED.get(message)
    if found is None:
        found = _TRANSLATED[message] = (
            Texts(gettext(message, "sv"), message, functools.partial(gettext, message))
            if message
            else _EMPTY
        )
    return found


_TRANSLATED: dict[str, Texts] = {}


_UNKNOWN_VERDICT = N_("unknown verdict {value!r}; valid: {valid}")


def _check_verdict(instance: Any, attribute: Any, value: Any) -> None:
    if value not in _RANK:
        raise InvalidValueError(
            _UNKNOWN_VERDICT,
            field=attribute.name,
            params={"value": value, "valid": ", ".join(VERDICTS)},
        )


@attrs.frozen(kw_only=True)
class Judgement:
    """A criterion's answer about one goal: verdict, code, message, hint and evidence.

    Criteria return one or several judgements; :func:`~goalchain.smart.check`
    turns them into :class:`SmartFinding` objects in the report's language.

    Parameters
    ----------
    verdict
        ``"pass"``, ``"warn"``, ``"fail"`` or ``"not_applicable"``. ``fail``
        is reported as ``warn`` unless the check is strict.
    code
        A stable identifier of what was found (``"no_indicator"``).
    message, hint
        What was found and how to fix it: one string, or a mapping
        ``{"sv": ..., "en": ...}`` (Swedish is used where English is missing,
        English in a language of an added catalog the mapping lacks).
    evidence
        The word, field or number that decided it (a string, or per language
        when a number is written differently: ``{"sv": "2,5", "en": "2.5"}``).
    element
        The element the judgement concerns; None for the goal being checked.

    Examples
    --------
    >>> from goalchain.smart import Judgement
    >>> j = Judgement(verdict="warn", code="no_date",
    ...               message={"sv": "beslutet saknar datum", "en": "the decision has no date"},
    ...               evidence="decision.date")
    >>> j.message["en"], j.evidence["sv"]
    ('the decision has no date', 'decision.date')
    """

    verdict: Verdict = attrs.field(validator=_check_verdict)
    code: str = attrs.field(validator=attrs.validators.instance_of(str))
    message: Texts = attrs.field(converter=_texts)
    hint: Texts = attrs.field(default=_EMPTY, converter=_texts)
    evidence: Texts = attrs.field(default=_EMPTY, converter=_texts)
    element: str | None = attrs.field(default=None)


class SmartFinding:
    """One finding of a SMART check: an element, a criterion and a verdict, with why.

    A small read-only record: a check makes one for every goal and criterion (some
    70,000 for a chain of 10^4 goals), so its fields are kept in one tuple and read
    through properties. Findings are equal when every field but :attr:`texts` is.

    Attributes
    ----------
    element
        The id of the goal (or, for structural findings, the element or
        committee) the finding concerns.
    criterion
        ``specific``, ``measurable``, ``accepted``, ``realistic``,
        ``time_bound``, ``responsible``, a custom criterion's name, or
        ``structure`` for the structural checks.
    code
        A stable identifier of what was found (``vague_verb``, ``no_decision``...).
    verdict
        The verdict as reported: ``pass``, ``warn``, ``fail`` or
        ``not_applicable``. In the advisory (default) mode a ``fail`` is
        reported as ``warn``.
    strict_verdict
        The criterion's own verdict, which strict mode reports.
    message, hint, evidence
        What was found, how to fix it, and the word, field or number that
        decided it, in the report's language.
    owner, level
        The owner and level key of the element (for summaries per owner).
    lang
        The language of *message*, *hint* and *evidence*.
    texts
        The judgement's message, hint and evidence in every language (see :meth:`in_lang`).

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "Fler elever ska klara skolan", level="council")
    >>> finding = gc.smart.check(chain, criteria=["responsible"])[0]
    >>> finding.verdict, finding.strict_verdict, finding.advisory
    ('warn', 'fail', True)
    >>> finding.message
    'målet saknar ägare'
    >>> finding.in_lang("en").message
    'the goal has no owner'
    """

    __slots__ = ("_row",)

    # (element, criterion, owner, level) + _Part: code, verdict, strict_verdict,
    # message, hint, evidence, lang, texts
    _row: tuple[Any, ...]

    def __init__(
        self,
        *,
        element: str,
        criterion: str,
        code: str,
        verdict: Verdict,
        strict_verdict: Verdict,
        message: str,
        hint: str = "",
        evidence: str = "",
        owner: str | None = None,
        level: str | None = None,
        lang: str = "sv",
        texts: tuple[Texts, Texts, Texts] = (_EMPTY, _EMPTY, _EMPTY),
    ):
        for name, value in (("verdict", verdict), ("strict_verdict", strict_verdict)):
            if value not in _RANK:
                raise InvalidValueError(
                    _UNKNOWN_VERDICT,
                    field=name,
                    params={"value": value, "valid": ", ".join(VERDICTS)},
                )
        row = (element, criterion, owner, level, code, verdict, strict_verdict)
        _set_row(self, (*row, message, hint, evidence, lang, texts))

    def __setattr__(self, name: str, value: Any) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._row,))

    def __eq__(self, other: object) -> bool:
        if type(other) is not SmartFinding:
            return NotImplemented
        return self._row[:-1] == other._row[:-1]

    def __hash__(self) -> int:
        return hash(self._row[:-1])

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _FIELDS)
        return f"SmartFinding({fields})"

    @property
    def element(self) -> str:
        """The id of the element the finding concerns."""
        return self._row[0]  # type: ignore[no-any-return]

    @property
    def criterion(self) -> str:
        """The criterion's name (``structure`` for the structural checks)."""
        return self._row[1]  # type: ignore[no-any-return]

    @property
    def owner(self) -> str | None:
        """The owner of the element."""
        return self._row[2]  # type: ignore[no-any-return]

    @property
    def level(self) -> str | None:
        """The level key of the element."""
        return self._row[3]  # type: ignore[no-any-return]

    @property
    def code(self) -> str:
        """A stable identifier of what was found."""
        return self._row[4]  # type: ignore[no-any-return]

    @property
    def verdict(self) -> Verdict:
        """The verdict as reported (a fail is a warn in the advisory mode)."""
        return self._row[5]  # type: ignore[no-any-return]

    @property
    def strict_verdict(self) -> Verdict:
        """The criterion's own verdict, which strict mode reports."""
        return self._row[6]  # type: ignore[no-any-return]

    @property
    def message(self) -> str:
        """What was found, in :attr:`lang`."""
        return self._row[7]  # type: ignore[no-any-return]

    @property
    def hint(self) -> str:
        """How to fix it, in :attr:`lang`."""
        return self._row[8]  # type: ignore[no-any-return]

    @property
    def evidence(self) -> str:
        """The word, field or number that decided it, in :attr:`lang`."""
        return self._row[9]  # type: ignore[no-any-return]

    @property
    def lang(self) -> str:
        """The language of message, hint and evidence."""
        return self._row[10]  # type: ignore[no-any-return]

    @property
    def texts(self) -> tuple[Texts, Texts, Texts]:
        """The message, hint and evidence in every language."""
        return self._row[11]  # type: ignore[no-any-return]

    @property
    def advisory(self) -> bool:
        """True when a fail is reported as a warning (the advisory, non-strict mode)."""
        return self._row[5] != self._row[6]  # type: ignore[no-any-return]

    @property
    def problem(self) -> bool:
        """True for a ``warn`` or ``fail``: something to fix."""
        return self._row[5] in ("warn", "fail")

    def in_lang(self, lang: str) -> SmartFinding:
        """The same finding with message, hint and evidence in *lang* (any language
        of :func:`goalchain._i18n.languages`)."""
        lang = check_lang(lang)
        if lang == self.lang:
            return self
        message, hint, evidence = self.texts
        if not message.sv and not message.en:
            return self
        row = self._row
        return new_finding((*row[:7], message[lang], hint[lang], evidence[lang], lang, row[11]))

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-safe dict."""
        return {
            "element": self.element,
            "criterion": self.criterion,
            "code": self.code,
            "verdict": self.verdict,
            "strict_verdict": self.strict_verdict,
            "message": self.message,
            "hint": self.hint,
            "evidence": self.evidence,
            "owner": self.owner,
            "level": self.level,
        }

    def __str__(self) -> str:
        evidence = f" [{self.evidence}]" if self.evidence else ""
        return (
            f"{self.element}: {self.criterion}: {verdict_label(self.verdict, self.lang)}: "
            f"{self.message}{evidence}"
        )


_FIELDS = (
    "element",
    "criterion",
    "code",
    "verdict",
    "strict_verdict",
    "message",
    "hint",
    "evidence",
    "owner",
    "level",
    "lang",
    "texts",
)
_new = object.__new__
_set_row = SmartFinding.__dict__["_row"].__set__  # the slot's own setter, past __setattr__


def new_finding(row: tuple[Any, ...]) -> SmartFinding:
    """A finding of a row of its fields in :data:`_FIELDS`' order (not checked)."""
    finding = _new(SmartFinding)
    _set_row(finding, row)
    return finding


def _restore(row: tuple[Any, ...]) -> SmartFinding:
    """Unpickle a finding."""
    return new_finding(row)


_Part = tuple[Any, ...]
"""What a finding takes from its judgement, in a language and mode: code, verdict,
strict verdict, message, hint, evidence, language and texts."""


def finding_part(judgement: Judgement, lang: str, strict: bool) -> _Part:
    """The part of a finding's row that comes from *judgement* (shared by every goal
    that got the same judgement)."""
    verdict = judgement.verdict
    shown = "warn" if verdict == "fail" and not strict else verdict
    message, hint, evidence = judgement.message, judgement.hint, judgement.evidence
    if lang == "sv" or lang == "en":  # Texts: the "sv" and "en" attributes
        texts = getattr(message, lang), getattr(hint, lang), getattr(evidence, lang)
    else:
        texts = message[lang], hint[lang], evidence[lang]
    return (judgement.code, shown, verdict, *texts, lang, (message, hint, evidence))


class FindingMaker:
    """Makes findings in one language and mode, judgement parts shared.

    Judgements are immutable and criteria share them between goals (a memo of
    table entries, one judgement per vague verb...), so the part of a finding
    that comes from its judgement is made once per judgement.
    """

    __slots__ = ("_lang", "_parts", "_strict")

    def __init__(self, lang: str, strict: bool):
        self._lang = lang
        self._strict = strict
        # id -> (judgement, part); the judgement is kept so that its id is not reused
        self._parts: dict[int, tuple[Judgement, _Part]] = {}

    def part(self, judgement: Judgement, element: str, criterion: str) -> _Part:
        """The part of a finding that comes from *judgement* (kept for the next).

        Raises :class:`InvalidValueError` for anything but a Judgement (a
        criterion's answer about *element*).
        """
        if not isinstance(judgement, Judgement):
            raise InvalidValueError(
                N_(
                    "criterion {criterion!r} answered {judgement!r} about {element!r}; "
                    "a criterion returns a Judgement, an iterable of them, or None"
                ),
                field=criterion,
                params={"criterion": criterion, "judgement": judgement, "element": element},
            )
        part = finding_part(judgement, self._lang, self._strict)
        self._parts[id(judgement)] = (judgement, part)
        return part

    def __call__(
        self,
        judgement: Judgement,
        element: str,
        criterion: str,
        owner: str | None,
        level: str | None,
    ) -> SmartFinding:
        """A finding of *judgement* about *element* (unless the judgement names its own)."""
        entry = self._parts.get(id(judgement))
        if entry is not None and entry[0] is judgement:
            part = entry[1]
        else:
            part = self.part(judgement, element, criterion)
        if judgement.element is not None:
            element = judgement.element
        finding = _new(SmartFinding)  # new_finding(), inline: one per goal and criterion
        _set_row(finding, (element, criterion, owner, level, *part))
        return finding


Message = str | Callable[[int, str], str]
"""A message of a table: English marked with ``N_``, or, for a message that agrees
with a count, a function of the count and the language that calls ``ngettext``."""

Table = Mapping[str, tuple[Message, Message]]
"""Messages of a criterion: code -> (message, hint), in English and marked for the
catalogs, with ``{name}`` fields filled in after the lookup."""


_Fill = Callable[[Mapping[str, Any]], str]
"""Fills in the fields of one template, as ``str.format_map`` does."""


def _fill(template: str) -> _Fill:
    """A function that fills in *template* as ``template.format_map(values)`` would.

    A template with no field or one plain ``{name}`` field (nearly all of them) is
    cut around it once; the function then joins three strings instead of parsing
    the template again on every call.
    """
    parts = list(string.Formatter().parse(template))
    if len(parts) == 1 and parts[0][1] is None:  # no field: the text, "{{" unescaped
        text = parts[0][0]
        return lambda values: text
    fields = [(literal, name, spec, conversion) for literal, name, spec, conversion in parts]
    plain = [f for f in fields if f[1] is not None]
    if len(plain) == 1 and len(fields) <= 2:
        before, name, spec, conversion = fields[0]
        after = fields[1][0] if len(fields) == 2 else ""
        if name and name.isidentifier() and not spec and not conversion:
            # format(value, "") is str(value) for the str and int values tables are given
            return lambda values: before + str(values[name]) + after
    return template.format_map


class _Entry(NamedTuple):
    """A table entry made ready for filling in, in Swedish and English (the texts
    without fields are made once)."""

    sv_text: _Fill
    sv_hint: _Fill
    en_text: _Fill
    en_hint: _Fill
    message: Texts | None  # when neither message has a field
    hint: Texts | None  # when neither hint has a field


def _template(message: Message, lang: str, count: int | None) -> str:
    """*message* in *lang*, the form agreeing with *count* for a plural one ("" stays
    "": gettext would give the catalog's header)."""
    if callable(message):
        if count is None:
            raise TypeError("a message that agrees with a count needs count=")
        return message(count, lang)
    return gettext(message, lang) if message else ""


def _later(
    table: Table, code: str, part: int, values: Mapping[str, Any], count: int | None, lang: str
) -> str:
    """The message (*part* 0) or hint (1) of a table entry in a language other than
    Swedish and English, made when it is asked for (see :class:`Texts`)."""
    template = _template(table[code][part], lang, count)
    filled = {
        name: value if isinstance(value, (str, int)) else _texts(value)[lang]
        for name, value in values.items()
    }
    return template.format_map(filled)


def _made(sv: str, en: str, other: tuple[Any, ...]) -> Texts:
    """``Texts(sv, en)`` whose other languages *other* makes, without ``__init__``."""
    texts = _new(Texts)
    _set_sv(texts, sv)
    _set_en(texts, en)
    _set_other(texts, other)
    return texts


def _entry(table: Table, code: str, text: Message, hint: Message, count: int | None) -> _Entry:
    """The entry *code* of *table* (its form for *count*) in Swedish and English."""
    sv_text, sv_hint = _template(text, "sv", count), _template(hint, "sv", count)
    en_text, en_hint = _template(text, "en", count), _template(hint, "en", count)
    fixed_text = "{" not in sv_text and "{" not in en_text
    fixed_hint = "{" not in sv_hint and "{" not in en_hint
    return _Entry(
        _fill(sv_text),
        _fill(sv_hint),
        _fill(en_text),
        _fill(en_hint),
        _made(sv_text, en_text, (_later, table, code, 0, {}, count)) if fixed_text else None,
        (
            (
                _made(sv_hint, en_hint, (_later, table, code, 1, {}, count))
                if sv_hint or en_hint
                else _EMPTY
            )
            if fixed_hint
            else None
        ),
    )


class _Plural:
    """An entry of a table whose message agrees with a count: its forms are made
    once per count."""

    __slots__ = ("_code", "_forms", "_table", "_text")

    def __init__(self, table: Table, code: str, text: tuple[Message, Message]):
        self._table = table
        self._code = code
        self._text = text
        self._forms: dict[int, _Entry] = {}

    def at(self, count: int | None) -> _Entry:
        if count is None:
            raise TypeError(f"the message {self._code!r} agrees with a count: give count=")
        found = self._forms.get(count)
        if found is None:
            found = self._forms[count] = _entry(self._table, self._code, *self._text, count)
        return found


def _entries(table: Table) -> dict[str, _Entry | _Plural]:
    return {
        code: (
            _Plural(table, code, (text, hint))
            if callable(text) or callable(hint)
            else _entry(table, code, text, hint, None)
        )
        for code, (text, hint) in table.items()
    }


_CATALOGS: list[tuple[Any, ...]] = [catalog_dirs()]
"""The catalog directories the prepared entries were translated from."""


def refresh() -> None:
    """Forget the prepared entries and judgements when the catalogs changed
    (:func:`goalchain._i18n.use_catalog_dir`); the check calls it once per run."""
    dirs = catalog_dirs()
    if dirs != _CATALOGS[0]:
        _CATALOGS[0] = dirs
        _TABLES.clear()
        _MEMO.clear()
        _TRANSLATED.clear()


# Per table (by id; the table is kept, so that its id is not reused): its entries.
_TABLES: dict[int, tuple[Table, dict[str, _Entry | _Plural]]] = {}

# Judgements are immutable: the same table entry with the same plain values is built once.
_MEMO: dict[tuple[Any, ...], Judgement] = {}
_MEMO_MAX = 20_000
"""Entries before the memo is emptied: checks of many chains must not grow it forever."""
_PLAIN = (str, int)  # the exact types of memoised parameters (not bool, whose text differs)


def from_table(
    table: Table,
    verdict: Verdict,
    code: str,
    *,
    evidence: str | Mapping[str, str] = "",
    element: str | None = None,
    once: bool = False,
    count: int | None = None,
    **params: Any,
) -> Judgement:
    """A judgement whose message and hint come from *table*, filled in with *params*.

    The message and hint are looked up in the catalog of each language once per
    table (:func:`_prepared`); Swedish and English are filled in at once, another
    language when it is asked for. A parameter given per language (:class:`Texts`,
    :func:`translated`, or a mapping ``{"sv": ..., "en": ...}``) is filled in per language.
    Judgements of plain values are memoised (criteria give the same ones to many
    goals); *once* says that these values are the goal's own (its indicators' ids,
    its decision's reference) and will not come again, so the memo is skipped.
    *count* chooses the form of a message that agrees with a number (see :data:`Message`).
    """
    plain = type(evidence) is str
    if plain and params:
        for value in params.values():
            if type(value) not in _PLAIN:
                plain = False
                break
    key: tuple[Any, ...] | None = None
    if plain and not once:
        # keyword order is fixed at each call site, so the items need no sorting
        key = (
            (id(table), verdict, code, evidence, element, count, *params.items())
            if params
            else (id(table), verdict, code, evidence, element, count)
        )
        found = _MEMO.get(key)
        if found is not None:
            return found
    known = _TABLES.get(id(table))
    if known is None or known[0] is not table:
        known = _TABLES[id(table)] = (table, _entries(table))
    entry = known[1].get(code)
    if entry is None:
        raise KeyError(code)
    if isinstance(entry, _Plural):
        entry = entry.at(count)
    sv_values: Mapping[str, Any]
    en_values: Mapping[str, Any]
    if plain:
        sv_values = en_values = raw = (
            {**params, "evidence": evidence} if params else {"evidence": evidence}
        )
    else:
        raw = {
            **params,
            "evidence": evidence,
        }  # some value per language: {"sv": ..., "en": ...} or Texts
        sv_fill: dict[str, Any] = {}
        en_fill: dict[str, Any] = {}
        for name, value in (("evidence", evidence), *params.items()):
            if isinstance(value, (str, int)):
                sv_fill[name] = en_fill[name] = value
            elif type(value) is Texts:
                sv_fill[name], en_fill[name] = value.sv, value.en
            else:
                sv_fill[name], en_fill[name] = value.get("sv", ""), value.get("en", "")
        sv_values, en_values = sv_fill, en_fill
    message = entry.message
    if message is None:  # Texts(), inline: no __init__
        message = _new(Texts)
        _set_sv(message, entry.sv_text(sv_values))
        _set_en(message, entry.en_text(en_values))
        _set_other(message, (_later, table, code, 0, raw, count))
    hint = entry.hint
    if hint is None:
        sv_hint = entry.sv_hint(sv_values)
        en_hint = entry.en_hint(en_values)
        if sv_hint or en_hint:
            hint = _new(Texts)
            _set_sv(hint, sv_hint)
            _set_en(hint, en_hint)
            _set_other(hint, (_later, table, code, 1, raw, count))
        else:
            hint = _EMPTY
    # built from a checked table: skip the validation of Judgement.__init__ (the slots'
    # own setters, as the frozen class refuses setattr)
    judgement = _new(Judgement)
    _set_verdict(judgement, verdict)
    _set_code(judgement, code)
    _set_message(judgement, message)
    _set_hint(judgement, hint)
    if plain:  # what _texts() makes of a string, without its checks
        _set_evidence(judgement, Texts(evidence, evidence) if evidence else _EMPTY)  # type: ignore[arg-type]
    else:
        _set_evidence(judgement, _texts(evidence))
    _set_element(judgement, element)
    if key is not None:
        if len(_MEMO) >= _MEMO_MAX:
            _MEMO.clear()
        _MEMO[key] = judgement
    return judgement


_set_verdict, _set_code, _set_message, _set_hint, _set_evidence, _set_element = (
    Judgement.__dict__[name].__set__
    for name in ("verdict", "code", "message", "hint", "evidence", "element")
)

_set_sv, _set_en, _set_other = (Texts.__dict__[name].__set__ for name in ("sv", "en", "_other"))
