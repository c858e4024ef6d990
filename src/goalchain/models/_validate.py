"""Structural validation of a chain: findings, never exceptions."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import attrs

from .._i18n import N_, check_lang, direction_word, gettext
from ..exceptions import Message, Number
from ..units import canonical_unit
from ._elements import Indicator
from ._frozen import FrozenMapping
from ._values import steps_against

if TYPE_CHECKING:
    from ._chain import GoalChain
    from ._elements import Element
    from ._governance import Level

__all__ = ["Finding", "Problem", "message_text", "problems", "validate"]

Severity = Literal["error", "warning"]

_MESSAGES: dict[str, str] = {
    "orphan": N_("{level} has no parent; link it to a goal on the level above"),
    "unanchored": N_("the goal reaches no goal at level {anchor}; link it up the chain"),
    "owner_missing": N_(
        "{level} has no named recipient (owner); goals and assignments must always "
        "be addressed to one"
    ),
    "cross_cutting_missing": N_("the cross-cutting goal {title!r} is missing for {owner}"),
    "step_against_direction": N_(
        "the annual target for {year} ({value}) goes against the direction {direction} "
        "from the year before ({previous})"
    ),
    "rank_increase": N_(
        "the indicator is a rank ({unit}), where 1 is the best and lower is better, but "
        "its direction is {direction}"
    ),
    "target_against_direction": N_(
        "the target {target} goes against the direction {direction} from the baseline {baseline}"
    ),
    "comparison_against_direction": N_(
        "the target {target!r} ({year}) goes against the indicator's direction {direction}"
    ),
}
"""The message of each finding's code (English, translated in the message catalogs)."""


def message_text(
    code: str,
    lang: str,
    params: Mapping[str, Any],
    translations: Mapping[str, Mapping[str, Any]],
) -> str:
    """The message of a finding with *code*, in *lang* (any language goalchain speaks).

    *params* are the values the message is built from, and *translations* per
    language the values that differ in that language (see :class:`Finding`).

    Examples
    --------
    >>> from goalchain.models._validate import message_text
    >>> message_text("orphan", "en", {"level": "Nämndmål"}, {"en": {"level": "Committee goal"}})
    'Committee goal has no parent; link it to a goal on the level above'
    """
    lang = check_lang(lang)
    own = translations.get(lang)
    values = {**params, **own} if own else params
    worded = {
        key: _WORDED[key](value).render(lang)
        if key in _WORDED and key not in (own or {})
        else value
        for key, value in values.items()
    }
    return gettext(_MESSAGES[code], lang).format_map(worded)


def _number(text: Any) -> Message:
    """A number of a finding (written ``:g`` in its params) in the message's language."""
    try:
        return Number(float(text))
    except (TypeError, ValueError):
        return Message("{text}", text=text)


_WORDED: Mapping[str, Callable[[Any], Message]] = {
    "target": _number,
    "baseline": _number,
    "value": _number,
    "previous": _number,
    "direction": lambda direction: direction_word(str(direction)),
}
"""How the fields of the findings' params are worded per language (the params keep
what the chain holds, as plain values)."""


@attrs.frozen(kw_only=True)
class Finding:
    """One problem found in a chain.

    Attributes
    ----------
    element
        The element the finding concerns (or the committee, for a missing
        cross-cutting goal).
    code
        A stable identifier: ``orphan``, ``unanchored``, ``owner_missing``,
        ``cross_cutting_missing``, ``target_against_direction``,
        ``step_against_direction``, ``rank_increase``.
    severity
        ``"error"`` (the chain is not valid) or ``"warning"``.
    params
        Values the message is built from (level labels in the language
        :func:`validate` was asked for).
    translations
        Per language (``"sv"``, ``"en"``), values of *params* in that language,
        so that :meth:`message` never mixes languages.
    """

    element: str
    code: str
    severity: Severity
    params: FrozenMapping = attrs.field(factory=FrozenMapping, converter=FrozenMapping)
    translations: FrozenMapping = attrs.field(factory=FrozenMapping, converter=FrozenMapping)

    def message(self, lang: str = "sv") -> str:
        """The finding in *lang* (any language goalchain speaks; Swedish by default)."""
        return message_text(self.code, lang, self.params, self.translations)

    def __str__(self) -> str:
        return f"{self.element}: {self.message('en')}"

    def to_dict(self, lang: str = "sv") -> dict[str, Any]:
        """A plain dict (for JSON output)."""
        return {
            "element": self.element,
            "code": self.code,
            "severity": self.severity,
            "message": self.message(lang),
        }


class Problem(NamedTuple):
    """What a :class:`Finding` is made of, before it is frozen.

    :func:`problems` finds them; :func:`validate` makes each a Finding, and the
    SMART check's structural criterion reads them as they are (their messages
    through :func:`message_text`), without making the Finding objects.
    """

    element: str
    code: str
    severity: Severity
    params: dict[str, Any]
    translations: dict[str, dict[str, Any]]


def validate(chain: GoalChain, *, lang: str = "sv") -> list[Finding]:
    """Check a chain's structure and return the findings, errors first.

    Checks: elements without a parent below the top level (orphans), goals that
    reach no council-level goal, missing owners where the model requires them
    (Lerum), cross-cutting goals missing in a committee, indicator targets
    that go against the indicator's direction, and indicators in ``rank``
    (*placering*, where lower is better) whose direction is ``increase``.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("bun1", "Alla elever ska läsa", level="committee")
    >>> [(f.element, f.code, f.severity) for f in gc.validate(chain)]
    [('bun1', 'orphan', 'error')]
    """
    return [
        Finding(
            element=element,
            code=code,
            severity=severity,
            params=params,
            translations=translations,
        )
        for element, code, severity, params, translations in problems(chain, lang=lang)
    ]


def problems(
    chain: GoalChain, *, lang: str = "sv", elements: Sequence[Element] | None = None
) -> list[Problem]:
    """What :func:`validate` finds, errors first, as :class:`Problem` tuples.

    *elements* are every element of the chain in the chain's order, when the
    caller has them already (one pass over the graph fewer).
    """
    model = chain.model
    label = "en" if lang == "en" else "sv"
    if elements is None:
        elements = chain.elements()
    # errors and warnings apart, each in the order found: validate's stable sort, errors first
    errors: list[Problem] = []
    warnings: list[Problem] = []

    def both(key: str, labels: Callable[[str], str]) -> tuple[dict[str, Any], dict[str, Any]]:
        """params in the asked language, and translations in both."""
        return {key: labels(label)}, {code: {key: labels(code)} for code in ("sv", "en")}

    orphans = chain.orphans()
    for element_id in orphans:
        level = model.level(chain[element_id].level)
        errors.append(Problem(element_id, "orphan", "error", *both("level", level.label)))
    anchors = chain.council_levels()

    def anchor_label(lang: str) -> str:
        return " / ".join(model.level(a).label(lang) for a in anchors)

    orphaned = set(orphans)
    unanchored = [g for g in chain._unanchored_goals(elements, set(anchors)) if g not in orphaned]
    if unanchored:
        params, translations = both("anchor", anchor_label)
        for goal_id in unanchored:
            warnings.append(Problem(goal_id, "unanchored", "warning", params, translations))
    levels: dict[str, Level] = {}  # each level looked up once
    for element in elements:
        element_level = levels.get(element.level)
        if element_level is None:
            element_level = levels[element.level] = model.level(element.level)
        if element_level.owner_required and not element.owner:
            errors.append(
                Problem(element.id, "owner_missing", "error", *both("level", element_level.label))
            )
        if isinstance(element, Indicator):
            problem = _direction_problem(element)
            if problem is not None:
                warnings.append(problem)
            problem = _rank_problem(element)
            if problem is not None:
                warnings.append(problem)
            if element.annual_targets:
                warnings.extend(_step_problems(element))
    for title, owners in chain._missing_cross_cutting(elements).items():
        for owner in owners:
            warnings.append(
                Problem(
                    owner, "cross_cutting_missing", "warning", {"title": title, "owner": owner}, {}
                )
            )
    return errors + warnings


def _comparison_problem(indicator: Indicator) -> Problem | None:
    """A target written as a comparison or change that asks for the other direction."""
    direction = indicator.direction
    first = indicator.target
    targets = indicator.annual_targets if first is None else (first, *indicator.annual_targets)
    for target in targets:
        if target.comparison is None:  # a plain number: met in the direction, never against it
            continue
        wanted = target.better_direction(direction)
        if wanted != direction and "maintain" not in (wanted, direction):
            params = {"target": str(target), "year": target.year, "direction": direction}
            return Problem(indicator.id, "comparison_against_direction", "warning", params, {})
    return None


def _direction_problem(indicator: Indicator) -> Problem | None:
    problem = _comparison_problem(indicator)
    if problem is not None:
        return problem
    baseline, target = indicator.baseline, indicator.target
    if baseline is None or target is None or target.value is None:
        return None
    base, goal = baseline.value, target.value
    direction = indicator.direction
    against = (direction == "increase" and goal < base) or (direction == "decrease" and goal > base)
    if not against:
        return None
    params = {"target": f"{goal:g}", "baseline": f"{base:g}", "direction": direction}
    return Problem(indicator.id, "target_against_direction", "warning", params, {})


def _rank_problem(indicator: Indicator) -> Problem | None:
    """A rank (placering, 1 the best) that is to increase: lower is better for a rank."""
    if indicator.direction != "increase" or canonical_unit(indicator.unit) != "rank":
        return None
    params = {"unit": indicator.unit, "direction": indicator.direction}
    return Problem(indicator.id, "rank_increase", "warning", params, {})


def _step_problems(indicator: Indicator) -> list[Problem]:
    """Annual targets that step against the indicator's direction."""
    if indicator.direction == "maintain" or not indicator.annual_targets:
        return []
    points: list[tuple[int, float]] = [
        (p.year, p.value) for p in indicator.annual_targets if p.value is not None
    ]
    if indicator.baseline is not None:
        points.insert(0, indicator.baseline)
    target = indicator.target
    if (
        target is not None
        and target.value is not None
        and target.year not in {year for year, _ in points}
    ):
        points.append((target.year, target.value))
    return [
        Problem(
            indicator.id,
            "step_against_direction",
            "warning",
            {
                "year": current.year,
                "value": f"{current.value:g}",
                "previous": f"{previous.value:g}",
                "direction": indicator.direction,
            },
            {},
        )
        for previous, current in steps_against(points, indicator.direction)
    ]
