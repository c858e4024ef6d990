"""The status scale: from a score in [0, 1] to achieved, partly, not achieved."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import attrs

from .._i18n import N_, STATUS_LABELS, check_lang, languages, status_label
from ..exceptions import InvalidValueError, Message

__all__ = ["STATUSES", "StatusScale"]

STATUSES = ("achieved", "partly", "not_achieved", "not_assessed")
"""The statuses, best first; ``not_assessed`` means no score."""

_COLOURS = {
    "achieved": "#2e7d32",
    "partly": "#f9a825",
    "not_achieved": "#c62828",
    "not_assessed": "#9e9e9e",
}
_EPS = 1e-9


_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def _status_keys(value: Any, field: str, what: Message) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidValueError(
            N_("expected a mapping of status to {what}, got {value!r}"),
            field=field,
            params={"what": what, "value": value},
        )
    for status in value:
        if status not in STATUSES:
            raise InvalidValueError(
                N_("unknown status {status!r}; statuses: {statuses}"),
                field=f"{field}.{status}",
                params={"status": status, "statuses": ", ".join(STATUSES)},
            )
    return value


def _labels(value: Mapping[str, Mapping[str, str]] | None) -> dict[str, dict[str, str]]:
    out = {status: dict(langs) for status, langs in STATUS_LABELS.items()}
    what = Message(N_("labels by language"))
    for status, langs in _status_keys(value, "labels", what).items():
        where = f"labels.{status}"
        if not isinstance(langs, Mapping):
            raise InvalidValueError(
                N_(
                    "expected labels by language such as {{sv: uppfyllt, en: achieved}}, "
                    "got {langs!r}"
                ),
                field=where,
                params={"langs": langs},
            )
        known = languages()
        for lang, label in langs.items():
            if lang not in known or not isinstance(label, str) or not label.strip():
                raise InvalidValueError(
                    N_(
                        "expected a non-empty text for a language goalchain speaks ({valid}), "
                        "got {lang!r}: {label!r}"
                    ),
                    field=f"{where}.{lang}",
                    params={"valid": ", ".join(known), "lang": lang, "label": label},
                )
        out[status].update(langs)
    return out


def _colours(value: Mapping[str, str] | None) -> dict[str, str]:
    out = dict(_COLOURS)
    for status, colour in _status_keys(value, "colours", Message(N_("CSS colours"))).items():
        if not isinstance(colour, str) or not _HEX.fullmatch(colour):
            raise InvalidValueError(
                N_("expected a CSS hex colour such as '#2e7d32', got {colour!r}"),
                field=f"colours.{status}",
                params={"colour": colour},
            )
        out[status] = colour
    return out


@attrs.frozen(kw_only=True)
class StatusScale:
    """Thresholds, labels and colours of the statuses.

    Parameters
    ----------
    achieved
        The lowest score that counts as achieved (default 1.0).
    partly
        The lowest score that counts as partly achieved (default 0.5).
    labels
        Labels per status and language, merged over the defaults (Swedish
        *uppfyllt*, *delvis uppfyllt*, *ej uppfyllt*, *ej bedömt*; English).
    colours
        A colour per status (CSS hex), merged over the defaults.

    Examples
    --------
    >>> from goalchain.rollup import StatusScale
    >>> scale = StatusScale()
    >>> scale.status(1.0), scale.status(0.6), scale.status(0.2), scale.status(None)
    ('achieved', 'partly', 'not_achieved', 'not_assessed')
    >>> scale.label("partly"), scale.label("partly", lang="en")
    ('delvis uppfyllt', 'partly achieved')
    >>> StatusScale(achieved=0.9, partly=0.6).status(0.92)
    'achieved'
    """

    achieved: float = attrs.field(default=1.0)
    partly: float = attrs.field(default=0.5)
    labels: dict[str, dict[str, str]] = attrs.field(default=None, converter=_labels)
    colours: dict[str, str] = attrs.field(default=None, converter=_colours)

    def __attrs_post_init__(self) -> None:
        for name in ("achieved", "partly"):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not (math.isfinite(value) and 0.0 <= value <= 1.0)
            ):
                raise InvalidValueError(
                    N_("expected a number in [0, 1], got {value!r}"),
                    field=name,
                    params={"value": value},
                )
        if self.partly > self.achieved:
            raise InvalidValueError(
                N_("the partly threshold {partly} lies above the achieved threshold {achieved}"),
                field="partly",
                params={"partly": self.partly, "achieved": self.achieved},
            )

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> StatusScale:
        """A scale from a file's ``status_scale`` mapping (``achieved``, ``partly``...).

        Raises
        ------
        InvalidValueError
            Naming the field (``achieved``, ``labels.partly.sv``...) and what is valid.

        Examples
        --------
        >>> from goalchain.rollup import StatusScale
        >>> labels = {"partly": {"sv": "delvis"}}
        >>> scale = StatusScale.from_mapping({"achieved": 0.95, "labels": labels})
        >>> scale.status(0.96), scale.label("partly")
        ('achieved', 'delvis')
        """
        if not isinstance(data, Mapping):
            raise InvalidValueError(
                N_("expected a mapping with achieved, partly, labels or colours, got {data!r}"),
                field="status_scale",
                params={"data": data},
            )
        known = {"achieved", "partly", "labels", "colours"}
        unknown = set(data) - known
        if unknown:
            names = sorted(map(str, unknown))
            raise InvalidValueError(
                N_("unknown fields {names}; valid: {valid}"),
                field=names[0],
                params={"names": ", ".join(names), "valid": ", ".join(sorted(known))},
            )
        return cls(**{str(k): v for k, v in data.items()})

    def to_data(self) -> dict[str, Any]:
        """The mapping :meth:`from_mapping` reads, with what differs from the defaults."""
        out: dict[str, Any] = {}
        default = StatusScale()
        if self.achieved != default.achieved:
            out["achieved"] = self.achieved
        if self.partly != default.partly:
            out["partly"] = self.partly
        labels = {
            status: {
                lang: text
                for lang, text in langs.items()
                if default.labels[status].get(lang) != text
            }
            for status, langs in self.labels.items()
        }
        labels = {status: langs for status, langs in labels.items() if langs}
        if labels:
            out["labels"] = labels
        colours = {s: c for s, c in self.colours.items() if default.colours[s] != c}
        if colours:
            out["colours"] = colours
        return out

    def status(self, score: float | None) -> str:
        """The status of *score* (``not_assessed`` for None)."""
        if score is None:
            return "not_assessed"
        if score >= self.achieved - _EPS:
            return "achieved"
        if score >= self.partly - _EPS:
            return "partly"
        return "not_achieved"

    def label(self, status: str, *, lang: str = "sv") -> str:
        """The label of *status* in *lang* (any language goalchain speaks): the scale's
        own, else the catalogs' (``delvis uppfyllt``)."""
        langs = self.labels[status]
        given = langs.get(lang)
        if given:
            return given
        return status_label(status, lang=check_lang(lang))

    def colour(self, status: str) -> str:
        """The colour of *status*."""
        return self.colours[status]
