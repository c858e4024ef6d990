"""What a criterion answers (:class:`Judgement`) and what a report holds (:class:`SmartFinding`)."""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal, NamedTuple

import attrs

from .._lang import LANGUAGES, check_lang
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

_VERDICT_LABELS = {
    "pass": {"sv": "godkänt", "en": "pass"},
    "warn": {"sv": "varning", "en": "warn"},
    "fail": {"sv": "underkänt", "en": "fail"},
    "not_applicable": {"sv": "ej tillämpligt", "en": "not applicable"},
}


def verdict_label(verdict: str, lang: str = "sv") -> str:
    """The verdict in Swedish or English (``fail`` -> ``underkänt``).

    Examples
    --------
    >>> from goalchain.smart import verdict_label
    >>> verdict_label("not_applicable"), verdict_label("warn", "en")
    ('ej tillämpligt', 'warn')
    """
    return _VERDICT_LABELS[verdict]["en" if lang == "en" else "sv"]


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
    """A text in each language, ``"sv"`` and ``"en"``: a small, immutable, hashable mapping.

    Examples
    --------
    >>> from goalchain.smart._finding import Texts
    >>> t = Texts("målet saknar ägare", "the goal has no owner")
    >>> t["en"], dict(t)
    ('the goal has no owner', {'sv': 'målet saknar ägare', 'en': 'the goal has no owner'})
    """

    __slots__ = ("en", "sv")

    def __init__(self, sv: str, en: str):
        self.sv = sv
        self.en = en

    def __getitem__(self, lang: str) -> str:
        if lang == "sv":
            return self.sv
        if lang == "en":
            return self.en
        raise KeyError(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return 2

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Texts):
            return self.sv == other.sv and self.en == other.en
        return Mapping.__eq__(self, other)

    def __hash__(self) -> int:
        return hash((self.sv, self.en))

    def __repr__(self) -> str:
        return f"Texts(sv={self.sv!r}, en={self.en!r})"


_EMPTY = Texts("", "")


def _texts(value: Any) -> Texts:
    """One string for every language, or a mapping ``{"sv": ..., "en": ...}``."""
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
                f"expected text per language {{'sv': ..., 'en': ...}}, got {value!r}"
            )
        fallback = value.get("sv", next(iter(value.values())))
        return Texts(value.get("sv", fallback), value.get("en", fallback))
    raise InvalidValueError(f"expected a string or {{'sv': ..., 'en': ...}}, got {value!r}")


def _check_verdict(instance: Any, attribute: Any, value: Any) -> None:
    if value not in _RANK:
        raise InvalidValueError(
            f"unknown verdict {value!r}; valid: {', '.join(VERDICTS)}", field=attribute.name
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
        ``{"sv": ..., "en": ...}`` (Swedish is used where English is missing).
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
                    f"unknown verdict {value!r}; valid: {', '.join(VERDICTS)}", field=name
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
        """The same finding with message, hint and evidence in *lang* (``"sv"`` or ``"en"``)."""
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
    return (
        judgement.code,
        shown,
        verdict,
        getattr(message, lang),  # Texts: the "sv" and "en" attributes
        getattr(hint, lang),
        getattr(evidence, lang),
        lang,
        (message, hint, evidence),
    )


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
                f"criterion {criterion!r} answered {judgement!r} about {element!r}; "
                "a criterion returns a Judgement, an iterable of them, or None",
                field=criterion,
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


Table = Mapping[str, Mapping[str, tuple[str, str]]]
"""Messages of a criterion: code -> language -> (message, hint), with ``{name}`` fields."""


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
    """A table entry made ready for filling in: the texts without fields are made once."""

    sv_text: _Fill
    sv_hint: _Fill
    en_text: _Fill
    en_hint: _Fill
    message: Texts | None  # when neither message has a field
    hint: Texts | None  # when neither hint has a field


def _entries(table: Table) -> dict[str, _Entry]:
    entries = {}
    for code, texts in table.items():
        (sv_text, sv_hint), (en_text, en_hint) = texts["sv"], texts["en"]
        fixed_text = "{" not in sv_text and "{" not in en_text
        fixed_hint = "{" not in sv_hint and "{" not in en_hint
        entries[code] = _Entry(
            _fill(sv_text),
            _fill(sv_hint),
            _fill(en_text),
            _fill(en_hint),
            Texts(sv_text, en_text) if fixed_text else None,
            (Texts(sv_hint, en_hint) if sv_hint or en_hint else _EMPTY) if fixed_hint else None,
        )
    return entries


# Per table (by id; the table is kept, so that its id is not reused): its entries.
_TABLES: dict[int, tuple[Table, dict[str, _Entry]]] = {}

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
    **params: Any,
) -> Judgement:
    """A judgement whose message and hint come from *table*, filled in with *params*.

    A parameter given as a mapping ``{"sv": ..., "en": ...}`` is filled in per language.
    Judgements of plain values are memoised (criteria give the same ones to many
    goals); *once* says that these values are the goal's own (its indicators' ids,
    its decision's reference) and will not come again, so the memo is skipped.
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
            (id(table), verdict, code, evidence, element, *params.items())
            if params
            else (id(table), verdict, code, evidence, element)
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
    sv_values: Mapping[str, Any]
    en_values: Mapping[str, Any]
    if plain:
        sv_values = en_values = (
            {**params, "evidence": evidence} if params else {"evidence": evidence}
        )
    else:  # some value per language: {"sv": ..., "en": ...} or Texts
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
    if message is None:
        message = Texts(entry.sv_text(sv_values), entry.en_text(en_values))
    hint = entry.hint
    if hint is None:
        sv_hint = entry.sv_hint(sv_values)
        en_hint = entry.en_hint(en_values)
        hint = Texts(sv_hint, en_hint) if sv_hint or en_hint else _EMPTY
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
