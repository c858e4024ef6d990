"""*Specifikt*: the goal's wording says what is to be reached, for whom, in one goal."""

from __future__ import annotations

from ..models import Goal
from ._context import LevelRoles, SmartContext
from ._finding import Judgement
from ._language import IssueDetail, issue_details, issue_texts
from ._registry import register

__all__ = ["Specific"]

_PASS = Judgement(
    verdict="pass",
    code="specific",
    message={"sv": "formuleringen är specifik", "en": "the wording is specific"},
)


def _judgement(issue: IssueDetail) -> Judgement:
    """The judgement of one language issue (see :func:`~goalchain.smart.analyse`)."""
    code, evidence, serious, kind, subject = issue
    message: dict[str, str] = {}
    hint: dict[str, str] = {}
    for lang in ("sv", "en"):
        message[lang], hint[lang] = issue_texts(
            code, evidence, lang=lang, kind=kind, subject=subject
        )
    return Judgement(
        verdict="fail" if serious else "warn",
        code=code,
        message=message,
        hint=hint,
        evidence=evidence,
    )


@register("specific")
class Specific:
    """The wording names what is to be reached and for whom, as one readable goal.

    The goal's title is read with Swedish and English lexicons, on word forms
    (*främjar*, *förbättrade*), not raw substrings: vague verbs with no object
    or quantity (*verka för*, *sträva efter*, *främja*, *utveckla*, *work
    towards*, *promote*), fillers, several goals joined in one sentence, no
    object or target group, text too short or too long to read. Serious
    problems fail, others warn. The language is detected from the text.

    Examples
    --------
    >>> import goalchain as gc
    >>> chain = gc.GoalChain(name="Exempel")
    >>> _ = chain.add_goal("kf1", "Vi ska verka för ett tryggare centrum", level="council")
    >>> [(f.code, f.evidence) for f in gc.smart.check(chain, criteria=["specific"])]
    [('vague_verb', 'verka för')]
    """

    label_sv = "Specifikt"
    label_en = "Specific"

    def default_levels(self, roles: LevelRoles) -> tuple[str, ...]:
        """Goal levels below the top, except area headings (a vision may inspire)."""
        return tuple(key for key in roles.below_top if key not in roles.areas)

    def check(self, goal: Goal, context: SmartContext) -> tuple[Judgement, ...]:
        """Judge one goal."""
        # Per check: the judgements of each title, and of each issue (judgements are
        # immutable, so goals with the same vague verb share one; the tuple too).
        cache: dict[str, tuple[Judgement, ...]] = context.cache.setdefault("specific.text", {})
        text = goal.title
        found = cache.get(text)
        if found is None:
            issues = issue_details(text)  # analyse(), without TextIssue objects
            if issues:
                shared: dict[IssueDetail, Judgement] = context.cache.setdefault(
                    "specific.issue", {}
                )
                judgements = []
                for issue in issues:  # (code, evidence, serious, kind, subject)
                    judgement = shared.get(issue)
                    if judgement is None:
                        judgement = shared[issue] = _judgement(issue)
                    judgements.append(judgement)
                found = tuple(judgements)
            else:
                found = (_PASS,)
            cache[text] = found
        return found
