"""Names goalchain keeps as keys, written for people: statuses, roll-up
strategies, scorers, kinds of element, assessment methods, provenances.

Files and machine outputs (YAML, JSON, DataFrames, ``to_dict``) keep the keys;
people read these labels, looked up in the message catalogs. A name goalchain
does not know (a user's own strategy or scorer) is shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..exceptions import Message
from ._catalog import N_, check_lang, gettext, languages
from ._numbers import format_number

__all__ = [
    "STATUS_LABELS",
    "assessment_method_label",
    "computed_note",
    "direction_word",
    "element_kind_label",
    "provenance_label",
    "rule_label",
    "scorer_label",
    "status_label",
    "strategy_label",
]

_STATUSES = {
    "achieved": N_("achieved"),
    "partly": N_("partly achieved"),
    "not_achieved": N_("not achieved"),
    "not_assessed": N_("not assessed"),
}

_STRATEGIES = {
    "weighted": N_("weighted"),
    "worst_case": N_("worst case"),
    "mean": N_("mean"),
    "threshold": N_("threshold"),
    "dialogue": N_("dialogue"),
}

_SCORERS = {
    "progress": N_("progress towards the annual target"),
    "target_met": N_("annual target met or not"),
    "ratio": N_("actual relative to the target"),
    # how an activity is scored (a NodeResult's strategy for an activity)
    "activity": N_("activity status"),
}

_KINDS = {
    "goal": N_("goal"),
    "indicator": N_("indicator"),
    "activity": N_("activity"),
}

_METHODS = {
    "dialogue": N_("dialogue"),
    "analysis": N_("analysis"),
    "report_back": N_("report-back"),
    "follow_up": N_("follow-up"),
    "self_assessment": N_("self-assessment"),
    "indicators": N_("indicators"),
}

_PROVENANCES = {
    "computed": N_("computed"),
    "dialogue": N_("dialogue"),
    "fallback": N_("awaiting dialogue"),
}


class _Labels(Mapping[str, str]):
    """One key's label in every language goalchain speaks (read-only)."""

    __slots__ = ("_message",)

    def __init__(self, message: str):
        self._message = message

    def __getitem__(self, lang: str) -> str:
        if lang not in languages():
            raise KeyError(lang)
        return gettext(self._message, lang)

    def __iter__(self) -> Iterator[str]:
        return iter(languages())

    def __len__(self) -> int:
        return len(languages())

    def __repr__(self) -> str:
        return repr(dict(self))


class _LabelTable(Mapping[str, Mapping[str, str]]):
    """Key -> language -> label, from a table of messages (read-only)."""

    __slots__ = ("_messages",)

    def __init__(self, messages: Mapping[str, str]):
        self._messages = messages

    def __getitem__(self, key: str) -> Mapping[str, str]:
        return _Labels(self._messages[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._messages)

    def __len__(self) -> int:
        return len(self._messages)

    def __repr__(self) -> str:
        return repr({key: dict(value) for key, value in self.items()})


STATUS_LABELS: Mapping[str, Mapping[str, str]] = _LabelTable(_STATUSES)
"""Status key -> language -> label: ``STATUS_LABELS["partly"]["sv"]`` is
``"delvis uppfyllt"`` (from the catalogs; read-only)."""


def _label(table: Mapping[str, str], name: str, lang: str) -> str:
    check_lang(lang)
    message = table.get(name)
    return name if message is None else gettext(message, lang)


def status_label(status: str, *, lang: str = "sv") -> str:
    """The label of a status key (``partly`` -> ``delvis uppfyllt``).

    Raises
    ------
    KeyError
        For a status goalchain does not have.

    Examples
    --------
    >>> from goalchain.report import status_label
    >>> status_label("partly"), status_label("not_assessed", lang="en")
    ('delvis uppfyllt', 'not assessed')
    """
    check_lang(lang)
    return gettext(_STATUSES[status], lang)


def strategy_label(name: str, *, lang: str = "sv") -> str:
    """The name of a roll-up strategy for people to read (``weighted`` -> ``viktad``).

    | name         | ``lang="sv"``   | ``lang="en"`` |
    |--------------|-----------------|---------------|
    | weighted     | viktad          | weighted      |
    | worst_case   | sämsta utfall   | worst case    |
    | mean         | medelvärde      | mean          |
    | threshold    | tröskel         | threshold     |
    | dialogue     | dialog          | dialogue      |

    Files and machine outputs (JSON, DataFrames, ``to_dict``) keep the names.

    Parameters
    ----------
    name
        The name the strategy is registered under.
    lang
        ``"sv"``, ``"en"`` or another language goalchain has a catalog for.

    Returns
    -------
    str
        The label; the name itself for a strategy of your own.

    Raises
    ------
    InvalidValueError
        For a language goalchain does not speak.

    See Also
    --------
    scorer_label : the same for the scorers of indicators.

    Examples
    --------
    >>> from goalchain.report import strategy_label
    >>> strategy_label("weighted"), strategy_label("worst_case", lang="en")
    ('viktad', 'worst case')
    >>> strategy_label("best_case")
    'best_case'
    """
    return _label(_STRATEGIES, name, lang)


def scorer_label(name: str, *, lang: str = "sv") -> str:
    """What an indicator's scorer measures, for people to read.

    ``progress`` scores the share of the way from the baseline to the year's
    annual target (*framsteg mot årsmålet*); ``target_met`` scores 1 when the
    annual target is met and 0 otherwise (*årsmålet nått eller inte*).
    ``activity``, the name a roll-up gives an activity's scoring (done 1, in
    progress its progress), reads *aktivitetens status*.

    Parameters
    ----------
    name
        The name the scorer is registered under, or ``"activity"``.
    lang
        ``"sv"``, ``"en"`` or another language goalchain has a catalog for.

    Returns
    -------
    str
        The label; the name itself for a scorer of your own.

    Raises
    ------
    InvalidValueError
        For a language goalchain does not speak.

    See Also
    --------
    strategy_label : the same for the roll-up strategies of goals.

    Examples
    --------
    >>> from goalchain.report import scorer_label
    >>> scorer_label("progress"), scorer_label("progress", lang="en")
    ('framsteg mot årsmålet', 'progress towards the annual target')
    >>> scorer_label("target_met"), scorer_label("target_met_1")
    ('årsmålet nått eller inte', 'target_met_1')
    """
    return _label(_SCORERS, name, lang)


_DIRECTIONS = {"increase": N_("increase"), "decrease": N_("decrease"), "maintain": N_("maintain")}


def direction_word(direction: str) -> Message:
    """An indicator's direction (``increase``, ``decrease``, ``maintain``) as a field
    of a message, worded in the message's language (``öka``); any other text is
    shown as it is.

    Examples
    --------
    >>> from goalchain._i18n import direction_word
    >>> str(direction_word("increase")), direction_word("increase").render("sv")
    ('increase', 'öka')
    """
    word = _DIRECTIONS.get(direction)
    return Message(word) if word is not None else Message("{text}", text=direction)


def element_kind_label(kind: str, *, lang: str = "sv") -> str:
    """The kind of an element in words: ``goal``, ``indicator``, ``activity`` -> ``mål``...

    Parameters
    ----------
    kind
        ``"goal"``, ``"indicator"`` or ``"activity"`` (an element's ``kind``).
    lang
        ``"sv"``, ``"en"`` or another language goalchain has a catalog for.

    Returns
    -------
    str
        The label; any other text is returned as it is.

    Raises
    ------
    InvalidValueError
        For a language goalchain does not speak.

    Examples
    --------
    >>> from goalchain.report import element_kind_label
    >>> [element_kind_label(k) for k in ("goal", "indicator", "activity")]
    ['mål', 'indikator', 'aktivitet']
    >>> element_kind_label("activity", lang="en")
    'activity'
    """
    return _label(_KINDS, kind, lang)


def assessment_method_label(method: str, *, lang: str = "sv") -> str:
    """How an assessment was made, in words (``report_back`` -> ``återrapportering``).

    An :class:`~goalchain.models.Assessment`'s ``method`` is free text;
    goalchain knows ``dialogue`` (*dialog*, the default), ``analysis``
    (*analys*), ``report_back`` (*återrapportering*, Lerum), ``follow_up``
    (*uppföljning*), ``self_assessment`` (*självskattning*) and ``indicators``
    (*indikatorer*), written with an underscore, a hyphen or a space
    (``self-assessment``).

    Parameters
    ----------
    method
        The assessment's ``method``.
    lang
        ``"sv"``, ``"en"`` or another language goalchain has a catalog for.

    Returns
    -------
    str
        The label; a method goalchain does not know is returned as it is.

    Raises
    ------
    InvalidValueError
        For a language goalchain does not speak.

    Examples
    --------
    >>> from goalchain.report import assessment_method_label
    >>> assessment_method_label("report_back"), assessment_method_label("report_back", lang="en")
    ('återrapportering', 'report-back')
    >>> assessment_method_label("analysis"), assessment_method_label("medarbetarsamtal")
    ('analys', 'medarbetarsamtal')
    """
    check_lang(lang)
    message = _METHODS.get(method.strip().lower().replace("-", "_").replace(" ", "_"))
    return method if message is None else gettext(message, lang)


def computed_note(value: float, *, lang: str = "sv") -> str:
    """The value a strategy computed beside a dialogue's (``beräknat 0,27``).

    Examples
    --------
    >>> from goalchain.report import computed_note
    >>> computed_note(0.2667), computed_note(0.2667, lang="en")
    ('beräknat 0,27', 'computed 0.27')
    """
    check_lang(lang)
    return gettext("computed {value}", lang).format(
        value=format_number(value, lang=lang, decimals=2)
    )


def provenance_label(provenance: str, computed: float | None, *, lang: str = "sv") -> str:
    """Where a roll-up value came from, with the computed value beside a dialogue's.

    Examples
    --------
    >>> from goalchain.report import provenance_label
    >>> provenance_label("dialogue", 0.2667), provenance_label("fallback", 0.5, lang="en")
    ('dialog (beräknat 0,27)', 'awaiting dialogue')
    """
    label = _label(_PROVENANCES, provenance, lang)
    if provenance == "dialogue" and computed is not None:
        label += f" ({computed_note(computed, lang=lang)})"
    return label


def rule_label(kind: str, name: str, *, lang: str = "sv") -> str:
    """How a roll-up scored an element, in words: its strategy or its scorer.

    A roll-up's :attr:`NodeResult.strategy <goalchain.rollup.NodeResult.strategy>`
    is the strategy for a goal and the scorer (or ``"activity"``) for an
    indicator or an activity.

    Examples
    --------
    >>> from goalchain._i18n import rule_label
    >>> rule_label("goal", "weighted"), rule_label("indicator", "progress", lang="en")
    ('viktad', 'progress towards the annual target')
    """
    if kind == "goal":
        return strategy_label(name, lang=lang)
    return scorer_label(name, lang=lang)
