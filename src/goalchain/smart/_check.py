"""``check()``: judge every goal of a chain by the SMART(A) criteria, plus the structure."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .._gc import frozen_objects
from .._i18n import N_, gettext, languages
from ..exceptions import InvalidValueError, Message, UnknownCriterionError, UnknownLevelError
from ..models import Goal, GoalChain
from ._context import SmartContext
from ._finding import (
    FindingMaker,
    Judgement,
    SmartFinding,
    Table,
    Texts,
    check_lang,
    from_table,
    refresh,
)
from ._registry import BUILTIN
from ._registry import criteria as registry
from ._report import SmartReport
from ._structure import structure, structure_labels

__all__ = ["check"]

STRUCTURE = "structure"
_FREEZE_EVERY = 10
"""Goals between two calls of the *freeze* of :func:`goalchain._gc.frozen_objects`.

A freeze costs next to nothing (it moves the collector's lists), and ten goals make
fewer new objects than start a young collection (700 by default), so most findings
are frozen before the collector visits them at all.
"""

_TEXT: Table = {
    "nothing": (N_("the criterion has nothing to say about the goal"), ""),
    "level": (N_("the criterion does not apply at the level {level}"), ""),
}


def _criterion_names(criteria: str | Iterable[str] | None) -> list[str]:
    known = list(registry)
    if criteria is None:
        ordered = [n for n in BUILTIN if n in known] + [n for n in known if n not in BUILTIN]
        return [*ordered, STRUCTURE]
    names = [criteria] if isinstance(criteria, str) else list(criteria)
    out: list[str] = []
    for name in names:
        if name != STRUCTURE and name not in registry:
            asked = str(name)
            raise UnknownCriterionError(asked, kind="SMART criterion", known=[*known, STRUCTURE])
        if name not in out:
            out.append(name)
    return out


def _labels(name: str, criterion: Any) -> dict[str, str]:
    """A criterion's name in reports, in every language: its ``label`` (English,
    in the catalogs: every built-in criterion's), else the user's own ``label_sv``
    and ``label_en`` (the English one in a language of an added catalog)."""
    if name == STRUCTURE:
        return structure_labels()
    label = getattr(type(criterion), "label", None)
    if isinstance(label, str) and label:
        return {lang: gettext(label, lang) for lang in languages()}
    sv = getattr(criterion, "label_sv", None) or name
    en = getattr(criterion, "label_en", None) or sv
    return dict(Texts(str(sv), str(en)))


def _options(name: str, criterion: Any, given: Mapping[str, Any] | None) -> dict[str, Any]:
    defaults = getattr(criterion, "defaults", None)
    out = dict(defaults) if isinstance(defaults, Mapping) else {}
    if not given:
        return out
    if not isinstance(given, Mapping):
        raise InvalidValueError(
            N_("the options of criterion {name!r} must be a mapping, got {given!r}"),
            field=f"options.{name}",
            params={"name": name, "given": given},
        )
    if isinstance(defaults, Mapping):
        for key in given:
            if key not in defaults:
                raise InvalidValueError(
                    N_("criterion {name!r} has no option {key!r}; its options: {valid}"),
                    field=f"options.{name}",
                    params={
                        "name": name,
                        "key": key,
                        "valid": ", ".join(defaults) or Message(N_("none")),
                    },
                )
    out.update(given)
    return out


def _levels(
    name: str,
    criterion: Any,
    given: Mapping[str, Any] | None,
    context: SmartContext,
    model_keys: tuple[str, ...],
    model_name: str,
) -> frozenset[str]:
    if given is not None and name in given:
        keys = given[name]
        keys = [keys] if isinstance(keys, str) else list(keys)
        for key in keys:
            if key not in model_keys:
                level = str(key)
                raise UnknownLevelError(level, model=model_name, known=model_keys)
        return frozenset(keys)
    default = getattr(criterion, "default_levels", None)
    if callable(default):
        return frozenset(default(context.roles))
    return frozenset(context.roles.below_top)


def check(
    chain_or_goal: GoalChain | Goal,
    *,
    lang: str = "sv",
    criteria: str | Iterable[str] | None = None,
    strict: bool = False,
    levels: Mapping[str, str | Iterable[str]] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> SmartReport:
    """Judge every goal by the SMART(A) criteria, and the chain's structure.

    For each goal and each criterion one finding or more: a verdict (``pass``,
    ``warn``, ``fail``, ``not_applicable``), a message and a hint in Swedish or
    English, and the evidence that decided it. The checks advise: a ``fail`` is
    reported as ``warn`` unless *strict* is True (its own verdict is kept in
    :attr:`SmartFinding.strict_verdict`). Checking never raises on what a chain
    contains; only bad arguments raise.

    Parameters
    ----------
    chain_or_goal
        A :class:`~goalchain.GoalChain`, or a single :class:`~goalchain.Goal`
        (then criteria that need the chain judge the goal alone: no
        indicators are seen, and there are no structural checks).
    lang
        ``"sv"`` (default) or ``"en"``.
    criteria
        Names of the criteria to run, in order; None runs every registered
        criterion (``specific``, ``measurable``, ``accepted``, ``realistic``,
        ``time_bound``, ``responsible``, then any registered by you or a
        plug-in) and ``structure``, the structural checks.
    strict
        Report fails as fails (and let the CLI exit 1 on them).
    levels
        Per criterion, the level keys it applies to (goals elsewhere get
        ``not_applicable``); criteria not named keep their defaults (see
        :mod:`goalchain.smart`).
    options
        Per criterion, its options: ``{"realistic": {"factor": 1.5}}``.

    Returns
    -------
    SmartReport

    Raises
    ------
    UnknownCriterionError
        For a criterion name that is not registered (in *criteria*, *levels* or
        *options*); lists the registered names.
    UnknownLevelError
        For a level key in *levels* that the chain's governance model lacks.
    InvalidValueError
        For an unknown *lang*, an option a criterion does not have, or a
        *chain_or_goal* that is neither a chain nor a goal.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "Fler elever ska klara skolan", level="council",
    ...                    owner="Kommunfullmäktige",
    ...                    decision={"body": "KF", "date": "2022-11-28", "reference": "KS 2022/4"})
    >>> _ = chain.add_indicator("i1", "Behöriga till gymnasiet", parents=["kf1"], unit="percent",
    ...                         baseline=(2022, 78.0), target=(2026, 90.0), progression="linear")
    >>> report = gc.smart.check(chain, criteria=["measurable", "accepted", "time_bound"])
    >>> [(f.criterion, f.verdict, f.evidence) for f in report]
    [('measurable', 'pass', 'i1'), ('accepted', 'pass', 'KS 2022/4, 2022-11-28'),
     ('time_bound', 'pass', '2026')]
    >>> gc.smart.check(chain, criteria=["timely"])
    Traceback (most recent call last):
    ...
    goalchain.exceptions.UnknownCriterionError: unknown SMART criterion 'timely'; registered: ...
    """
    with frozen_objects() as freeze:
        return _check(
            chain_or_goal,
            lang=lang,
            criteria=criteria,
            strict=strict,
            levels=levels,
            options=options,
            freeze=freeze,
        )


def _check(
    chain_or_goal: GoalChain | Goal,
    *,
    lang: str,
    criteria: str | Iterable[str] | None,
    strict: bool,
    levels: Mapping[str, str | Iterable[str]] | None,
    options: Mapping[str, Mapping[str, Any]] | None,
    freeze: Callable[[], None],
) -> SmartReport:
    """:func:`check`; *freeze* keeps the findings so far out of the garbage collector's passes."""
    lang = check_lang(lang)
    refresh()  # the catalogs may have changed since the last check
    if not isinstance(strict, bool):
        raise InvalidValueError(
            N_("strict must be True or False, got {strict!r}"),
            field="strict",
            params={"strict": strict},
        )
    if isinstance(chain_or_goal, GoalChain):
        chain: GoalChain | None = chain_or_goal
        context = SmartContext(chain_or_goal, lang=lang)
        goals = [e for e in context.elements if isinstance(e, Goal)]
        model_keys, model_name = chain_or_goal.model.keys, chain_or_goal.model.name
        name = chain_or_goal.name
    elif isinstance(chain_or_goal, Goal):
        chain = None
        goals = [chain_or_goal]
        context = SmartContext(None, lang=lang, goal=chain_or_goal)
        model_keys, model_name = context.roles.goal, "classic"
        name = chain_or_goal.id
    else:
        raise InvalidValueError(
            N_("expected a GoalChain or a Goal, got {type}"),
            field="chain_or_goal",
            params={"type": type(chain_or_goal).__name__},
        )
    names = _criterion_names(criteria)
    known = [*registry, STRUCTURE]
    for given in (levels, options):
        for key in given or {}:
            if key != STRUCTURE and key not in registry:
                asked = str(key)
                raise UnknownCriterionError(asked, kind="SMART criterion", known=known)
    if levels is not None and STRUCTURE in levels:
        raise InvalidValueError(
            N_("the structural checks concern the whole chain and take no levels"),
            field="levels",
            params={},
        )

    labels: dict[str, dict[str, str]] = {}
    plans: list[tuple[str, Any, SmartContext, frozenset[str]]] = []
    for criterion_name in names:
        if criterion_name == STRUCTURE:
            labels[criterion_name] = _labels(criterion_name, None)
            continue
        criterion = registry[criterion_name]
        labels[criterion_name] = _labels(criterion_name, criterion)
        opts = _options(criterion_name, criterion, (options or {}).get(criterion_name))
        applies = _levels(criterion_name, criterion, levels, context, model_keys, model_name)
        judge = getattr(criterion, "check", criterion)
        plans.append((criterion_name, judge, context.with_options(opts), applies))

    outside: dict[str, Judgement] = {}

    def not_here(level: str) -> Judgement:
        if level not in outside:
            labels = Texts(level, level)
            if chain is not None and level in chain.model:
                found = chain.model.level(level)
                # the governance model's own words (in another language: English)
                labels = Texts(found.label_sv, found.label_en)
            outside[level] = from_table(
                _TEXT, "not_applicable", "level", evidence=level, level=labels
            )
        return outside[level]

    make = FindingMaker(lang, strict)
    nothing = from_table(_TEXT, "not_applicable", "nothing")
    findings: list[SmartFinding] = []
    append = findings.append
    for number, goal in enumerate(goals, 1):
        if number % _FREEZE_EVERY == 0:
            freeze()
        element, owner, level = goal.id, goal.owner, goal.level
        for criterion_name, judge, ctx, applies in plans:
            if level not in applies:
                append(make(not_here(level), element, criterion_name, owner, level))
                continue
            # a judgement, None (nothing to say) or judgements
            found = judge(goal, ctx)
            if isinstance(found, Judgement):
                append(make(found, element, criterion_name, owner, level))
                continue
            answers: Any = () if found is None else found
            if not hasattr(answers, "__iter__"):  # no judgement: make() refuses it by name
                answers = (answers,)
            some = False
            for answer in answers:
                append(make(answer, element, criterion_name, owner, level))
                some = True
            if not some:
                append(make(nothing, element, criterion_name, owner, level))
    if chain is not None and STRUCTURE in names:
        for answer, owner in structure(chain, context):
            about = answer.element or ""
            found_level = chain[about].level if about in chain else None
            findings.append(make(answer, about, STRUCTURE, owner, found_level))
    return SmartReport(
        findings,
        lang=lang,
        strict=strict,
        criteria=names,
        labels=labels,
        mandate=context.mandate,
        name=name,
    )
