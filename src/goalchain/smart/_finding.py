"""What a criterion answers (:class:`Judgement`) and what a report holds (:class:`SmartFinding`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal

import attrs

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

LANGUAGES: tuple[str, ...] = ("sv", "en")
"""The languages of messages and hints: Swedish first."""

_RANK = {"not_applicable": 0, "pass": 1, "warn": 2, "fail": 3}

_VERDICT_LABELS = {
    "pass": {"sv": "godkänt", "en": "pass"},
    "warn": {"sv": "varning", "en": "warn"},
    "fail": {"sv": "underkänt", "en": "fail"},
    "not_applicable": {"sv": "ej tillämpligt", "en": "not applicable"},
}


def check_lang(lang: Any) -> str:
    """Return *lang* when it is ``"sv"`` or ``"en"``.

    Raises
    ------
    InvalidValueError
        Naming the valid languages.
    """
    if lang not in LANGUAGES:
        raise InvalidValueError(
            f"unknown language {lang!r}; valid: {', '.join(LANGUAGES)}", field="lang"
        )
    return str(lang)


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


@attrs.frozen(kw_only=True)
class SmartFinding:
    """One finding of a SMART check: an element, a criterion and a verdict, with why.

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

    element: str
    criterion: str
    code: str
    verdict: Verdict
    strict_verdict: Verdict
    message: str
    hint: str = ""
    evidence: str = ""
    owner: str | None = None
    level: str | None = None
    lang: str = "sv"
    texts: tuple[Texts, Texts, Texts] = attrs.field(default=(_EMPTY, _EMPTY, _EMPTY), eq=False)

    @property
    def advisory(self) -> bool:
        """True when a fail is reported as a warning (the advisory, non-strict mode)."""
        return self.verdict != self.strict_verdict

    @property
    def problem(self) -> bool:
        """True for a ``warn`` or ``fail``: something to fix."""
        return self.verdict in ("warn", "fail")

    def in_lang(self, lang: str) -> SmartFinding:
        """The same finding with message, hint and evidence in *lang* (``"sv"`` or ``"en"``)."""
        lang = check_lang(lang)
        if lang == self.lang:
            return self
        message, hint, evidence = self.texts
        if not message.sv and not message.en:
            return self
        return attrs.evolve(
            self, message=message[lang], hint=hint[lang], evidence=evidence[lang], lang=lang
        )

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


def make_finding(
    judgement: Judgement,
    *,
    element: str,
    criterion: str,
    owner: str | None,
    level: str | None,
    lang: str,
    strict: bool,
) -> SmartFinding:
    """Turn a judgement into a finding in *lang*; advisory mode reports a fail as warn."""
    verdict: Verdict = judgement.verdict
    shown: Verdict = "warn" if verdict == "fail" and not strict else verdict
    message, hint, evidence = judgement.message, judgement.hint, judgement.evidence
    return SmartFinding(
        element=judgement.element if judgement.element is not None else element,
        criterion=criterion,
        code=judgement.code,
        verdict=shown,
        strict_verdict=verdict,
        message=getattr(message, lang),  # Texts: the "sv" and "en" attributes
        hint=getattr(hint, lang),
        evidence=getattr(evidence, lang),
        owner=owner,
        level=level,
        lang=lang,
        texts=(message, hint, evidence),
    )


Table = Mapping[str, Mapping[str, tuple[str, str]]]
"""Messages of a criterion: code -> language -> (message, hint), with ``{name}`` fields."""

# Judgements are immutable: the same table entry with the same plain values is built once.
_MEMO: dict[tuple[Any, ...], Judgement] = {}
_MEMO_MAX = 20_000
_PLAIN = (str, int)  # the exact types of memoised parameters (not bool, whose text differs)


def from_table(
    table: Table,
    verdict: Verdict,
    code: str,
    *,
    evidence: str | Mapping[str, str] = "",
    element: str | None = None,
    **params: Any,
) -> Judgement:
    """A judgement whose message and hint come from *table*, filled in with *params*.

    A parameter given as a mapping ``{"sv": ..., "en": ...}`` is filled in per language.
    """
    plain = isinstance(evidence, str)
    for value in params.values():
        if type(value) not in _PLAIN:
            plain = False
            break
    key: tuple[Any, ...] | None = None
    if plain:
        # keyword order is fixed at each call site, so the items need no sorting
        key = (id(table), verdict, code, evidence, element, *params.items())
        found = _MEMO.get(key)
        if found is not None:
            return found
        if len(_MEMO) >= _MEMO_MAX:  # bounded: checks of many chains must not grow it forever
            _MEMO.clear()
    entry = table[code]
    (sv_text, sv_how), (en_text, en_how) = entry["sv"], entry["en"]
    sv_values: Mapping[str, Any]
    en_values: Mapping[str, Any]
    if plain:
        sv_values = en_values = {**params, "evidence": evidence}
    else:
        sv_values, en_values = (
            {
                "evidence": evidence if isinstance(evidence, str) else evidence.get(lang, ""),
                **{
                    key: (value if isinstance(value, (str, int)) else value.get(lang, ""))
                    for key, value in params.items()
                },
            }
            for lang in LANGUAGES
        )
    sv_hint = sv_how.format_map(sv_values) if sv_how else ""
    en_hint = en_how.format_map(en_values) if en_how else ""
    # built from a checked table: skip the validation of Judgement.__init__
    judgement = object.__new__(Judgement)
    setattr_ = object.__setattr__
    setattr_(judgement, "verdict", verdict)
    setattr_(judgement, "code", code)
    setattr_(
        judgement, "message", Texts(sv_text.format_map(sv_values), en_text.format_map(en_values))
    )
    setattr_(judgement, "hint", Texts(sv_hint, en_hint) if sv_hint or en_hint else _EMPTY)
    if isinstance(evidence, str):  # what _texts() makes of a string, without its checks
        setattr_(judgement, "evidence", Texts(evidence, evidence) if evidence else _EMPTY)
    else:
        setattr_(judgement, "evidence", _texts(evidence))
    setattr_(judgement, "element", element)
    if key is not None:
        if len(_MEMO) >= 4096:
            _MEMO.clear()
        _MEMO[key] = judgement
    return judgement
