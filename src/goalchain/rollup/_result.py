"""What a roll-up returns: one :class:`NodeResult` per element, in a :class:`RollupResult`."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .._i18n import N_, format_number, gettext, languages, ngettext, pgettext, rule_label
from .._unit_text import format_value
from ..exceptions import InvalidValueError, PeriodError
from ..models import Assessment, Measurement, Period
from ..models._period_text import period_label
from ._scale import StatusScale

if TYPE_CHECKING:
    from ..models import GoalChain

__all__ = [
    "GENDER_WORDS",
    "REASONS",
    "ChildResult",
    "NodeResult",
    "RollupContext",
    "RollupResult",
    "StrategyResult",
    "reason_fields",
    "reason_text",
]

Provenance = Literal["computed", "dialogue", "fallback"]


@attrs.frozen
class ChildResult:
    """A child as a strategy sees it: its id, score (None: not assessed), status and weight.

    ``coverage`` is the child's own coverage (the weighted share of the measured
    leaves below it); None reads as 1 when the child is assessed, else 0.
    """

    id: str
    score: float | None
    status: str
    weight: float
    coverage: float | None = None


@attrs.frozen(kw_only=True)
class StrategyResult:
    """What a strategy may return instead of a bare score.

    Parameters
    ----------
    score
        The score in [0, 1], or None when the node cannot be assessed.
    status
        The status; derived from *score* by the scale when None.
    coverage
        The weighted share (0..1) of the measured leaves below the node; the
        engine computes it from the children when None (see
        :func:`~goalchain.rollup._combine.coverage_of`).
    reason
        Why, in a few words (shown by :meth:`NodeResult.explain`): a text, or
        a mapping of texts by language (``{"sv": "...", "en": "..."}``).
    reason_code, reason_args
        Instead of *reason*: a code of :data:`REASONS` and the values its
        templates are filled with, so that the reason reads in either language.
    provenance
        ``"computed"``, ``"dialogue"`` or ``"fallback"``.
    computed
        For a dialogue: the fallback strategy's score kept beside the dialogue's.
    assessment
        For a dialogue: the recorded assessment that decided.
    awaiting_dialogue
        True when the dialogue strategy found no recorded assessment.
    """

    score: float | None
    status: str | None = None
    coverage: float | None = None
    reason: str | Mapping[str, str] | None = None
    reason_code: str | None = None
    reason_args: Mapping[str, Any] = attrs.field(factory=dict)
    provenance: Provenance = "computed"
    computed: float | None = None
    assessment: Assessment | None = None
    awaiting_dialogue: bool = False


@attrs.frozen(kw_only=True)
class RollupContext:
    """What a strategy may consult beside the children: the chain, period, scale and results.

    ``results`` holds the results computed so far (every descendant of the node).
    """

    chain: GoalChain
    period: Period
    scale: StatusScale
    strategy: str
    results: Mapping[str, NodeResult]

    def strategy_of(self, name: str) -> Any:
        """The registered strategy *name* (for strategies that fall back on another)."""
        from ._registry import strategies

        return strategies[name]


@attrs.frozen(kw_only=True)
class NodeResult:
    """The roll-up result of one element.

    Attributes
    ----------
    id, kind
        The element's id and kind (``goal``, ``indicator``, ``activity``).
    score
        In [0, 1], or None when not assessed.
    status
        ``achieved``, ``partly``, ``not_achieved`` or ``not_assessed``.
    coverage
        The weighted share of the measured leaves below the element: 1.0 or
        0.0 for a leaf (assessed or not), for a goal the children's coverage
        weighted by their links (0 when the links weigh nothing).
    strategy
        The strategy (goals) or scorer (indicators, activities) that was used.
    provenance
        ``computed``, ``dialogue`` (a recorded assessment decided) or
        ``fallback`` (the dialogue strategy found none and used its fallback).
    children
        ``(id, weight, score)`` of every child.
    reason
        Why it is not assessed, or how the value came about.
    computed, deviation
        Under ``dialogue``: the fallback strategy's score and dialogue minus it.
    assessment, measurement
        The dialogue record or the measurement that decided.
    expected, target
        For indicators: the level the year's target asks for, and the target
        as written where it is not a plain number (``"≥30"``, ``"öka"``).
    awaiting_dialogue
        True when the dialogue strategy found no assessment for the period.
    reason_code, reason_args
        The code of :data:`REASONS` the reason was written from, and its values.
    reason_texts
        ``(lang, text)`` pairs where a strategy gave its reason in several languages.
    """

    id: str
    kind: str
    score: float | None
    status: str
    coverage: float
    strategy: str
    provenance: Provenance = "computed"
    children: tuple[tuple[str, float, float | None], ...] = ()
    reason: str | None = None
    computed: float | None = None
    deviation: float | None = None
    assessment: Assessment | None = None
    measurement: Measurement | None = None
    expected: float | None = None
    target: str | None = None
    awaiting_dialogue: bool = False
    reason_code: str | None = None
    reason_args: tuple[tuple[str, Any], ...] = ()
    reason_texts: tuple[tuple[str, str], ...] = ()
    _owner: RollupResult | None = attrs.field(default=None, eq=False, repr=False, alias="owner")

    def reason_in(self, lang: str = "sv") -> str | None:
        """The reason in *lang* (``"sv"`` or ``"en"``) where the engine wrote it, else as given."""
        return _reason(self, lang)

    @property
    def preliminary(self) -> bool:
        """True when the deciding measurement is preliminary."""
        return self.measurement is not None and self.measurement.preliminary

    def explain(self, lang: str = "sv") -> str:
        """A readable trace from this element down to the measurements and dialogues."""
        if self._owner is None:
            return _line(self, None, lang, StatusScale())
        return self._owner.explain(self.id, lang=lang)


class LazyNodes(Mapping[str, NodeResult]):
    """Base of array-backed node mappings that build a :class:`NodeResult` when asked.

    :class:`RollupResult` binds itself as the owner of the views with :meth:`bind`.
    """

    def bind(self, owner: RollupResult) -> None:
        raise NotImplementedError


class RollupResult(Mapping[str, NodeResult]):
    """The result of a roll-up: a mapping id -> :class:`NodeResult`.

    What people read (:meth:`explain`, the notebook display) names strategies,
    scorers and periods in Swedish or English
    (:func:`~goalchain.report.strategy_label`,
    :func:`~goalchain.report.scorer_label`,
    :func:`~goalchain.report.period_label`); the attributes, :meth:`to_dataframe`
    and the command line's JSON keep the keys (``weighted``, ``progress``).

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "Trygg skola", level="council")
    >>> _ = chain.add_indicator("i1", "Nöjda elever", parents=["kf1"], unit="percent",
    ...                         baseline=(2022, 70.0), target=(2024, 80.0))
    >>> _ = chain.record("i1", 2023, 75.0)
    >>> result = chain.rollup(2023)
    >>> result["kf1"].score, result["kf1"].status
    (1.0, 'achieved')
    >>> print(result.explain("kf1", lang="en"))
    kf1 Trygg skola: 1 (achieved), weighted, coverage 100%
      i1 Nöjda elever (weight 1): 1 (achieved), progress towards the annual target:
      75% measured for 2023, expected 75
    >>> print(result.explain("kf1"))
    kf1 Trygg skola: 1 (uppfyllt), viktad, täckning 100\u00a0%
      i1 Nöjda elever (vikt 1): 1 (uppfyllt), framsteg mot årsmålet:
      75\u00a0% uppmätt för 2023, förväntat 75
    >>> result.strategy, result["i1"].strategy
    ('weighted', 'progress')
    """

    def __init__(
        self,
        nodes: Mapping[str, NodeResult],
        *,
        period: Period,
        strategy: str,
        scorer: str,
        scale: StatusScale,
        titles: Mapping[str, str],
        units: Mapping[str, str],
        copy_labels: bool = True,
        gender: str = "T",
        scales: Mapping[str, StatusScale] | None = None,
        scorer_params: Mapping[str, Any] | None = None,
    ):
        self._nodes: Mapping[str, NodeResult]
        if isinstance(nodes, LazyNodes):
            nodes.bind(self)
            self._nodes = nodes
        else:
            self._nodes = {k: attrs.evolve(v, owner=self) for k, v in nodes.items()}
        self.period = period
        self.strategy = strategy
        self.scorer = scorer
        self.scale = scale
        self._titles = dict(titles) if copy_labels else titles
        self._units = dict(units) if copy_labels else units
        self.gender = gender
        self.scales: Mapping[str, StatusScale] = dict(scales or {})
        self.scorer_params: dict[str, Any] = dict(scorer_params or {})

    def scale_of(self, element_id: str) -> StatusScale:
        """The status scale *element_id* was judged on: its goal's or its level's, else
        :attr:`scale`."""
        return self.scales.get(element_id, self.scale)

    def __getitem__(self, key: str) -> NodeResult:
        return self._nodes[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def __repr__(self) -> str:
        counts: dict[str, int] = {}
        for node in self._nodes.values():
            counts[node.status] = counts.get(node.status, 0) + 1
        shown = ", ".join(f"{counts[s]} {s}" for s in sorted(counts))
        who = "" if self.gender == "T" else f", gender {self.gender}"
        return f"<RollupResult {self.period}{who} ({self.strategy}/{self.scorer}): {shown}>"

    def title(self, element_id: str) -> str:
        """The title of *element_id* when the roll-up was made."""
        return self._titles.get(element_id, "")

    def _repr_html_(self) -> str:
        from ..report._html import rollup_html

        return rollup_html(self)

    def to_dataframe(self, *, lang: str = "sv") -> Any:
        """The result as a pandas DataFrame: one row per element, index ``id``.

        Columns title, kind, score, status, status_label (in *lang*),
        coverage, strategy, provenance, computed, deviation, reason (in
        *lang*) and awaiting_dialogue, with nullable dtypes: a missing score
        is ``<NA>``. Needs pandas (the ``pandas`` extra).

        Examples
        --------
        >>> import goalchain as gc
        >>> frame = gc.io.load_demo().rollup(2024).to_dataframe(lang="en")
        >>> frame.loc["vision", ["kind", "status_label"]].tolist()
        ['goal', 'partly achieved']
        """
        from ..report._frames import rollup_frame

        return rollup_frame(self, lang=lang)

    def scores(self) -> dict[str, float | None]:
        """Every element's score."""
        return {k: v.score for k, v in self._nodes.items()}

    def statuses(self) -> dict[str, str]:
        """Every element's status."""
        return {k: v.status for k, v in self._nodes.items()}

    def explain(self, element_id: str, *, lang: str = "sv") -> str:
        """A readable trace from *element_id* down to the measurements and dialogue records."""
        lines: list[str] = []

        def walk(node_id: str, weight: float | None, depth: int) -> None:
            node = self._nodes[node_id]
            scale = self.scale_of(node_id)
            lines.append("  " * depth + _line(node, weight, lang, scale, self._titles, self._units))
            for child, w, _ in node.children:
                walk(child, w, depth + 1)

        walk(element_id, None, 0)
        return "\n".join(lines)


REASONS: dict[str, str] = {
    "no_measurement": N_("no measurement for {period}"),
    "yearly": N_("measured yearly: no value for the sub-year period {period}"),
    # a plural: worded by _lag_words, agreeing with {lag}
    "lag": "published with a lag of {lag} years: the value for {year} cannot exist before "
    "{ready}; no measurement for {period}",
    "done": N_("status done"),
    "not_started": N_("status not started"),
    "in_progress": N_("in progress, {share} done"),
    "no_progress": N_("in progress, no progress reported"),
    "cancelled": N_("status cancelled: not assessed"),
    "no_gender_value": N_("no value for {gender} in {period}"),
    "after_due": N_("due {due}: counts in the periods up to {year} only"),
    "before_start": N_("starts {start}: does not count before {year}"),
    "no_measured_leaf": N_("no indicator or activity below it has a result for {period}"),
    "preliminary": N_("preliminary value"),
    "no_children": N_("no children"),
    "no_child_assessed": N_("no child can be assessed"),
    "no_weighted_child_assessed": N_("no child with weight can be assessed"),
    "threshold": N_("{achieved} of {needed} needed children achieved"),
}
"""Templates of the reasons the engine writes, by code (English, translated in the
message catalogs)."""


def _lag_words(values: Mapping[str, Any], lang: str) -> str:
    return ngettext(
        "published with a lag of {lag} year: the value for {year} cannot exist before "
        "{ready}; no measurement for {period}",
        "published with a lag of {lag} years: the value for {year} cannot exist before "
        "{ready}; no measurement for {period}",
        int(values["lag"]),
        lang,
    )


_PLURALS = {"lag": _lag_words}
"""The reasons whose words agree with a number in them."""


def gender_word(gender: str, lang: str) -> str:
    """How a reason names the genders of measurements (Kolada's ``T``, ``K``, ``M``);
    another code is shown as it is."""
    if gender == "T":
        return pgettext("gender", "everyone", lang)
    if gender == "K":
        return pgettext("gender", "women", lang)
    if gender == "M":
        return pgettext("gender", "men", lang)
    return gender


class _GenderWords(Mapping[str, Mapping[str, str]]):
    """Gender code -> language -> word, from the catalogs (read-only)."""

    _CODES = ("T", "K", "M")

    def __getitem__(self, gender: str) -> Mapping[str, str]:
        if gender not in self._CODES:
            raise KeyError(gender)
        return {lang: gender_word(gender, lang) for lang in languages()}

    def __iter__(self) -> Iterator[str]:
        return iter(self._CODES)

    def __len__(self) -> int:
        return len(self._CODES)


GENDER_WORDS: Mapping[str, Mapping[str, str]] = _GenderWords()
"""How a reason names the genders of measurements (Kolada's ``T``, ``K``, ``M``):
``GENDER_WORDS["K"]["sv"]`` is ``"kvinnor"`` (see :func:`gender_word`)."""


def reason_text(code: str, args: Mapping[str, Any], lang: str = "en") -> str:
    """The reason *code* written in *lang* with *args*.

    A ``period`` among *args* (as ``str(period)``, ``2024-delår``) is written
    for *lang* (:func:`~goalchain.report.period_label`: ``interim 2024``), and
    a ``share`` given as a fraction as a percentage of it (``80 %``, ``80%``).
    A language goalchain does not speak reads English.

    Examples
    --------
    >>> from goalchain.rollup._result import reason_text
    >>> reason_text("lag", {"lag": 1, "year": 2024, "ready": 2025, "period": "2024"}, "sv")
    'publiceras med 1 års eftersläpning: värdet för 2024 finns tidigast 2025; inget \
mätvärde för 2024'
    >>> reason_text("lag", {"lag": 2, "year": 2024, "ready": 2026, "period": "2024"})[:35]
    'published with a lag of 2 years: th'
    """
    if lang not in languages():
        lang = "en"
    values = dict(args)
    plural = _PLURALS.get(code)
    words = plural(values, lang) if plural is not None else gettext(REASONS[code], lang)
    if values.get("gender") in GENDER_WORDS:
        values["gender"] = gender_word(values["gender"], lang)
    if "period" in values:
        with contextlib.suppress(PeriodError):
            values["period"] = period_label(values["period"], lang=lang)
    share = values.get("share")
    if isinstance(share, (int, float)) and not isinstance(share, bool):  # a fraction done
        values["share"] = format_value(100 * share, "percent", lang=lang, decimals=0)
    return words.format(**values)


def _reason(node: NodeResult, lang: str) -> str | None:
    if node.reason_code is not None and node.reason_code in REASONS:
        return reason_text(node.reason_code, dict(node.reason_args), lang)
    if node.reason_texts:
        texts = dict(node.reason_texts)
        return texts.get(lang) or texts.get("en") or node.reason
    return node.reason


def reason_fields(
    reason: str | Mapping[str, str] | None,
    code: str | None = None,
    args: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The reason fields of a :class:`NodeResult` from what a strategy gave.

    A code of :data:`REASONS` wins; a mapping of texts by language keeps every
    language and reads English (else any) as :attr:`NodeResult.reason`.
    """
    if code is not None:
        if code not in REASONS:
            raise InvalidValueError(
                N_("unknown reason code {code!r}; codes: {codes}"),
                params={"code": code, "codes": ", ".join(sorted(REASONS))},
            )
        values = dict(args or {})
        return {
            "reason": reason_text(code, values),
            "reason_code": code,
            "reason_args": tuple(sorted(values.items())),
        }
    if isinstance(reason, Mapping):
        texts = {str(k): str(v) for k, v in reason.items()}
        shown = texts.get("en") or next(iter(texts.values()), None)
        return {"reason": shown, "reason_texts": tuple(sorted(texts.items()))}
    return {"reason": reason}


def _num(value: float, lang: str) -> str:
    return format_number(value, lang=lang)


def _line(
    node: NodeResult,
    weight: float | None,
    lang: str,
    scale: StatusScale,
    titles: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
) -> str:
    title = (titles or {}).get(node.id, "")
    head = f"{node.id} {title}".rstrip()
    if weight is not None:
        head += (
            " ("
            + pgettext("explain", "weight {weight}", lang).format(weight=_num(weight, lang))
            + ")"
        )
    score = "–" if node.score is None else _num(node.score, lang)
    rule = rule_label(node.kind, node.strategy, lang=lang)
    text = f"{head}: {score} ({scale.label(node.status, lang=lang)}), {rule}"
    if node.kind == "goal" and node.children:
        text += ", " + pgettext("explain", "coverage {share}", lang).format(
            share=format_value(100 * node.coverage, "percent", lang=lang, decimals=0)
        )
    if node.measurement is not None:
        m = node.measurement
        unit = (units or {}).get(node.id, m.unit)
        text += ": " + pgettext("explain", "{value} measured for {period}", lang).format(
            value=format_value(m.value, unit, lang=lang), period=period_label(m.period, lang=lang)
        )
        if m.preliminary:
            text += " (" + pgettext("explain", "preliminary", lang) + ")"
        if node.expected is not None:
            text += ", " + pgettext("explain", "expected", lang) + " "
            if node.target is not None and node.target != _num(node.expected, lang):
                text += f"{node.target} ({_num(node.expected, lang)})"
            else:
                text += _num(node.expected, lang)
    reason = _reason(node, lang)
    if reason and node.measurement is None:
        text += f": {reason}"
    elif reason and node.expected is None:
        text += f"; {reason}"
    if node.provenance == "dialogue" and node.assessment is not None:
        a = node.assessment
        when = period_label(a.period, lang=lang)
        text += "; " + pgettext("explain", "dialogue {period}: {status}", lang).format(
            period=when, status=scale.label(a.status, lang=lang)
        )
        if a.rationale:
            text += f" ({a.rationale})"
        if node.computed is not None:
            text += "; " + pgettext("explain", "computed {score}", lang).format(
                score=_num(node.computed, lang)
            )
            if node.deviation is not None:
                text += ", " + pgettext("explain", "deviation {difference}", lang).format(
                    difference=_num(node.deviation, lang)
                )
    if node.awaiting_dialogue:
        text += "; " + pgettext("explain", "awaiting dialogue", lang)
    return text
