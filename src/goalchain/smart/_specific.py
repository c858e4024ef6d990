"""*Specifikt*: the goal's wording says what is to be reached, for whom, in one goal."""

from __future__ import annotations

from .._i18n import N_
from ..models import Goal
from ._context import LevelRoles, SmartContext
from ._finding import Judgement, Table, Texts, from_table
from ._language import IssueDetail, issue_details, issue_texts
from ._registry import LabelIn, register

__all__ = ["Specific"]

_TEXT: Table = {"specific": (N_("the wording is specific"), "")}


def _judgement(issue: IssueDetail) -> Judgement:
    """The judgement of one language issue (see :func:`~goalchain.smart.analyse`)."""
    code, evidence, serious, kind, subject = issue

    def words(lang: str) -> tuple[str, str]:
        return issue_texts(code, evidence, lang=lang, kind=kind, subject=subject)

    (sv_message, sv_hint), (en_message, en_hint) = words("sv"), words("en")
    return Judgement(
        verdict="fail" if serious else "warn",
        code=code,
        message=Texts(sv_message, en_message, lambda lang: words(lang)[0]),
        hint=Texts(sv_hint, en_hint, lambda lang: words(lang)[1]),
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

    label = N_("Specific")
    label_sv = LabelIn("sv")
    label_en = LabelIn("en")

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
                found = context.cache.get("specific.pass")
                if found is None:
                    found = context.cache["specific.pass"] = (
                        from_table(_TEXT, "pass", "specific"),
                    )
            cache[text] = found
        return found
