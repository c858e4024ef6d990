"""Structural validation of a chain: findings, never exceptions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._elements import Indicator
from ._frozen import FrozenMapping
from ._values import steps_against

if TYPE_CHECKING:
    from ._chain import GoalChain
    from ._governance import Level

__all__ = ["Finding", "validate"]

Severity = Literal["error", "warning"]

_MESSAGES: dict[str, dict[str, str]] = {
    "orphan": {
        "sv": "{level} saknar överordnat mål; koppla den till ett mål på nivån ovanför",
        "en": "{level} has no parent; link it to a goal on the level above",
    },
    "unanchored": {
        "sv": "målet når inget mål på nivån {anchor}; koppla det uppåt i kedjan",
        "en": "the goal reaches no goal at level {anchor}; link it up the chain",
    },
    "owner_missing": {
        "sv": "{level} saknar utpekad mottagare (ägare); mål och uppdrag ska alltid riktas "
        "till en mottagare",
        "en": "{level} has no named recipient (owner); goals and assignments must always "
        "be addressed to one",
    },
    "cross_cutting_missing": {
        "sv": "det tvärsektoriella målet {title!r} saknas hos {owner}",
        "en": "the cross-cutting goal {title!r} is missing for {owner}",
    },
    "step_against_direction": {
        "sv": "årsmålet för {year} ({value}) går emot riktningen {direction} från året före "
        "({previous})",
        "en": "the annual target for {year} ({value}) goes against the direction {direction} "
        "from the year before ({previous})",
    },
    "target_against_direction": {
        "sv": "målvärdet {target} går emot riktningen {direction} från utgångsvärdet {baseline}",
        "en": "the target {target} goes against the direction {direction} from the "
        "baseline {baseline}",
    },
}


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
        ``step_against_direction``.
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
        """The finding in Swedish (``"sv"``) or English (``"en"``)."""
        lang = "en" if lang == "en" else "sv"
        values = {**self.params, **self.translations.get(lang, {})}
        return _MESSAGES[self.code][lang].format(**values)

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


def validate(chain: GoalChain, *, lang: str = "sv") -> list[Finding]:
    """Check a chain's structure and return the findings, errors first.

    Checks: elements without a parent below the top level (orphans), goals that
    reach no council-level goal, missing owners where the model requires them
    (Lerum), cross-cutting goals missing in a committee, and indicator targets
    that go against the indicator's direction.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("bun1", "Alla elever ska läsa", level="committee")
    >>> [(f.element, f.code, f.severity) for f in gc.validate(chain)]
    [('bun1', 'orphan', 'error')]
    """
    model = chain.model
    label = "en" if lang == "en" else "sv"
    findings: list[Finding] = []

    def both(key: str, labels: Callable[[str], str]) -> dict[str, Any]:
        """params in the asked language, and translations in both."""
        return {
            "params": {key: labels(label)},
            "translations": {code: {key: labels(code)} for code in ("sv", "en")},
        }

    orphans = chain.orphans()
    for element_id in orphans:
        level = model.level(chain[element_id].level)
        findings.append(
            Finding(
                element=element_id, code="orphan", severity="error", **both("level", level.label)
            )
        )
    anchors = chain.council_levels()

    def anchor_label(lang: str) -> str:
        return " / ".join(model.level(a).label(lang) for a in anchors)

    orphaned = set(orphans)
    for goal_id in chain.unanchored_goals():
        if goal_id not in orphaned:
            findings.append(
                Finding(
                    element=goal_id,
                    code="unanchored",
                    severity="warning",
                    **both("anchor", anchor_label),
                )
            )
    levels: dict[str, Level] = {}  # each level looked up once
    for element in chain.elements():
        element_level = levels.get(element.level)
        if element_level is None:
            element_level = levels[element.level] = model.level(element.level)
        if element_level.owner_required and not element.owner:
            findings.append(
                Finding(
                    element=element.id,
                    code="owner_missing",
                    severity="error",
                    **both("level", element_level.label),
                )
            )
        if isinstance(element, Indicator):
            finding = _direction_finding(element)
            if finding is not None:
                findings.append(finding)
            findings.extend(_step_findings(element))
    for title, owners in chain.missing_cross_cutting().items():
        for owner in owners:
            findings.append(
                Finding(
                    element=owner,
                    code="cross_cutting_missing",
                    severity="warning",
                    params={"title": title, "owner": owner},
                )
            )
    return sorted(findings, key=lambda f: f.severity != "error")


def _direction_finding(indicator: Indicator) -> Finding | None:
    if indicator.baseline is None or indicator.target is None:
        return None
    base, target = indicator.baseline.value, indicator.target.value
    against = (indicator.direction == "increase" and target < base) or (
        indicator.direction == "decrease" and target > base
    )
    if not against:
        return None
    return Finding(
        element=indicator.id,
        code="target_against_direction",
        severity="warning",
        params={"target": f"{target:g}", "baseline": f"{base:g}", "direction": indicator.direction},
    )


def _step_findings(indicator: Indicator) -> list[Finding]:
    """Annual targets that step against the indicator's direction."""
    if indicator.direction == "maintain" or not indicator.annual_targets:
        return []
    points = list(indicator.annual_targets)
    if indicator.baseline is not None:
        points.insert(0, indicator.baseline)
    if indicator.target is not None and indicator.target.year not in {p.year for p in points}:
        points.append(indicator.target)
    return [
        Finding(
            element=indicator.id,
            code="step_against_direction",
            severity="warning",
            params={
                "year": current.year,
                "value": f"{current.value:g}",
                "previous": f"{previous.value:g}",
                "direction": indicator.direction,
            },
        )
        for previous, current in steps_against(points, indicator.direction)
    ]
