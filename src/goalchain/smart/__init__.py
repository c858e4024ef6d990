"""SMART(A) checks of goals, and structural checks of the chain.

:func:`check` judges every goal of a chain by six criteria -- ``specific``,
``measurable``, ``accepted``, ``realistic``, ``time_bound`` and
``responsible`` -- and adds the structural findings (criterion ``structure``).
Each finding has a verdict (``pass``, ``warn``, ``fail``, ``not_applicable``),
a message and a hint in Swedish or English, and the evidence that decided it.

The checks advise by default: Ekonomistyrningsverket argues against making
SMART mandatory, so a ``fail`` is reported as ``warn`` unless ``strict=True``.

Which levels a criterion applies to (``levels=`` overrides, per criterion):

- ``specific``, ``measurable``, ``realistic``: every goal level below the top
  (a vision or a perspective is a direction, not a goal to make SMART);
- ``time_bound``: the same, except *direction levels* (Nynäshamn's council
  goals, followed by *riktningsvisande indikatorer*);
- ``accepted``: the council levels and the committee levels below them (the
  goals politicians adopt; not the assignments officials give each other);
- ``responsible``: every goal level.

Custom criteria register by name, like roll-up strategies, with
:func:`register` or under the entry-point group ``goalchain.smart``.

Examples
--------
>>> import goalchain as gc
>>> chain = gc.GoalChain(name="Exempel")
>>> _ = chain.add_goal("v", "En trygg kommun", level="vision", owner="Kommunfullmäktige")
>>> _ = chain.add_goal("kf1", "Kommunen ska främja tryggheten i centrum", level="council",
...                    parents=["v"], owner="Kommunstyrelsen")
>>> report = gc.smart.check(chain, lang="en")
>>> report.verdict("kf1", "specific"), report.verdict("kf1", "accepted")
('warn', 'warn')
>>> finding = report.filter(element="kf1", criterion="specific")[0]
>>> finding.evidence, finding.message
('främja', 'names no measurable result; "främja" is a vague verb: it promises an effort,
not a result')
>>> [f.strict_verdict for f in report.filter(element="kf1", criterion="accepted")]
['fail']
>>> from goalchain.smart import Judgement, register, criteria
>>> @register("kolada")
... def kolada(goal, context):
...     linked = [i.id for i in context.indicators(goal.id) if i.kolada]
...     verdict = "pass" if linked else "warn"
...     return Judgement(verdict=verdict, code="kolada", message="Kolada KPI",
...                      evidence=", ".join(linked))
>>> "kolada" in criteria
True
>>> criteria.unregister("kolada")
"""

from ._accepted import Accepted
from ._bodies import same_body
from ._check import check
from ._context import LevelRoles, SmartContext
from ._finding import VERDICTS, Judgement, SmartFinding, verdict_label, worst
from ._language import TextIssue, analyse, detect_language
from ._mandate import mandate_period
from ._measurable import Measurable, goal_target
from ._realistic import Realistic, best_yearly_change
from ._registry import BUILTIN, Criterion, criteria, register
from ._report import SmartReport
from ._responsible import Responsible
from ._specific import Specific
from ._time_bound import TimeBound, years_in_text

__all__ = [
    "BUILTIN",
    "VERDICTS",
    "Accepted",
    "Criterion",
    "Judgement",
    "LevelRoles",
    "Measurable",
    "Realistic",
    "Responsible",
    "SmartContext",
    "SmartFinding",
    "SmartReport",
    "Specific",
    "TextIssue",
    "TimeBound",
    "analyse",
    "best_yearly_change",
    "check",
    "criteria",
    "detect_language",
    "goal_target",
    "mandate_period",
    "register",
    "same_body",
    "verdict_label",
    "worst",
    "years_in_text",
]
