"""The result of a SMART check: findings, filters, summaries, and text, Markdown and dict forms."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

from .._i18n import gettext, pgettext
from .._safe_text import html_text as escape
from .._safe_text import markdown_text
from ._finding import VERDICTS, SmartFinding, check_lang, verdict_label, worst

__all__ = ["SmartReport"]


def _head(lang: str) -> list[str]:
    """The columns of the findings' table."""
    return [
        pgettext("SMART report column", "Element", lang),
        pgettext("SMART report column", "Criterion", lang),
        pgettext("SMART report column", "Verdict", lang),
        pgettext("SMART report column", "Evidence", lang),
        pgettext("SMART report column", "Finding", lang),
        pgettext("SMART report column", "How to fix", lang),
    ]


def _summary_head(lang: str) -> list[str]:
    """The columns of the summary per criterion: the criterion, then each verdict."""
    return [
        pgettext("SMART report column", "Criterion", lang),
        *(verdict_label(v, lang) for v in VERDICTS),
    ]


def _owner_head(lang: str) -> list[str]:
    """The columns of the summary per owner."""
    return [
        pgettext("SMART report column", "Owner", lang),
        pgettext("SMART report column", "to fix", lang),
        pgettext("SMART report column", "of which fail when strict", lang),
        verdict_label("pass", lang),
    ]


def _advisory(lang: str) -> str:
    """The note under a table that shows fails as warnings."""
    return gettext("* a fail in strict mode; the advisory mode shows it as a warning", lang)


def _names(value: str | Iterable[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return frozenset({value})
    return frozenset(value)


class SmartReport(Sequence[SmartFinding]):
    """The findings of :func:`~goalchain.smart.check`, in chain order.

    A sequence of :class:`SmartFinding`: one or more per goal and criterion,
    then the structural findings. Filter with :meth:`filter`, summarise with
    :meth:`summary` and :meth:`by_owner`, print with :meth:`to_table` (also
    ``str(report)``) or :meth:`to_markdown`, serialise with :meth:`to_dict`, analyse
    in pandas with :meth:`to_dataframe`.

    Attributes
    ----------
    lang
        The language of messages and hints: ``"sv"``, ``"en"``, or any language
        a catalog was added for (:func:`goalchain._i18n.languages`).
    strict
        True when fails are reported as fails; False (advisory) reports them as warnings.
    criteria
        The criteria checked, in order (``structure`` for the structural checks).
    labels
        Per criterion, its label in Swedish and English.
    mandate
        The mandate period the time-bound criterion used, ``(first, last)``.
    name
        The chain's name (or the goal's id when a single goal was checked).

    Examples
    --------
    >>> import goalchain as gc
    >>> from goalchain.cli import bundled_chain
    >>> report = gc.smart.check(bundled_chain())  # Burlöv
    >>> report.failed, report.strict
    (False, False)
    >>> sorted(report.summary()["accepted"].items())
    [('fail', 0), ('not_applicable', 1), ('pass', 7), ('warn', 0)]
    >>> [f.element for f in report.filter(criterion="accepted", verdict="pass")][:3]
    ['kf1', 'kf2', 'kf3']
    """

    def __init__(
        self,
        findings: Iterable[SmartFinding],
        *,
        lang: str = "sv",
        strict: bool = False,
        criteria: Sequence[str] = (),
        labels: Mapping[str, Mapping[str, str]] | None = None,
        mandate: tuple[int, int] | None = None,
        name: str = "",
    ):
        self._findings = tuple(findings)
        self.lang = check_lang(lang)
        self.strict = strict
        self.criteria = tuple(criteria)
        self.labels: Mapping[str, Mapping[str, str]] = dict(labels or {})
        self.mandate = mandate
        self.name = name

    # ------------------------------------------------------------ sequence
    @overload
    def __getitem__(self, index: int) -> SmartFinding: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[SmartFinding]: ...

    def __getitem__(self, index: int | slice) -> SmartFinding | Sequence[SmartFinding]:
        return self._findings[index]

    def __len__(self) -> int:
        return len(self._findings)

    def __iter__(self) -> Iterator[SmartFinding]:
        return iter(self._findings)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SmartReport):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        counts = {v: 0 for v in VERDICTS}
        for finding in self._findings:
            counts[finding.verdict] += 1
        shown = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
        return f"<SmartReport {self.name!r}: {len(self)} findings ({shown or 'none'})>"

    def _with(self, findings: Iterable[SmartFinding], **changes: Any) -> SmartReport:
        fields: dict[str, Any] = {
            "lang": self.lang,
            "strict": self.strict,
            "criteria": self.criteria,
            "labels": self.labels,
            "mandate": self.mandate,
            "name": self.name,
        }
        fields.update(changes)
        return SmartReport(findings, **fields)

    # ------------------------------------------------------------ queries
    @property
    def findings(self) -> tuple[SmartFinding, ...]:
        """Every finding, in order."""
        return self._findings

    @property
    def failed(self) -> bool:
        """True when a finding's verdict is ``fail`` (only in strict mode)."""
        return any(f.verdict == "fail" for f in self._findings)

    @property
    def problems(self) -> SmartReport:
        """Only the findings to fix (``warn`` and ``fail``)."""
        return self._with(f for f in self._findings if f.problem)

    def filter(
        self,
        *,
        criterion: str | Iterable[str] | None = None,
        verdict: str | Iterable[str] | None = None,
        element: str | Iterable[str] | None = None,
        owner: str | Iterable[str] | None = None,
        code: str | Iterable[str] | None = None,
    ) -> SmartReport:
        """The findings that match every given filter (a name or several).

        Examples
        --------
        >>> import goalchain as gc
        >>> chain = gc.GoalChain(name="Exempel")
        >>> _ = chain.add_goal("kf1", "Fler elever ska klara skolan", level="council",
        ...                    owner="Kommunfullmäktige")
        >>> report = gc.smart.check(chain, criteria=["measurable", "responsible"])
        >>> [(f.criterion, f.verdict) for f in report.filter(verdict=["warn", "fail"])]
        [('measurable', 'warn')]
        """
        wanted = {
            "criterion": _names(criterion),
            "verdict": _names(verdict),
            "element": _names(element),
            "owner": _names(owner),
            "code": _names(code),
        }
        active = {k: v for k, v in wanted.items() if v is not None}
        return self._with(
            f for f in self._findings if all(getattr(f, k) in v for k, v in active.items())
        )

    def elements(self) -> list[str]:
        """The elements with findings, in order."""
        return list(dict.fromkeys(f.element for f in self._findings))

    def verdict(self, element: str, criterion: str) -> str:
        """The worst verdict of *criterion* for *element* (``not_applicable`` if none)."""
        return worst(
            f.verdict for f in self._findings if f.element == element and f.criterion == criterion
        )

    def summary(self) -> dict[str, dict[str, int]]:
        """Per criterion, the number of findings of each verdict."""
        out: dict[str, dict[str, int]] = {c: dict.fromkeys(VERDICTS, 0) for c in self.criteria}
        for finding in self._findings:
            out.setdefault(finding.criterion, dict.fromkeys(VERDICTS, 0))[finding.verdict] += 1
        return out

    def by_owner(self) -> dict[str | None, dict[str, int]]:
        """Per owner, the findings to fix: most first.

        Each owner maps to ``{"to_fix": ..., "fail": ..., "pass": ...}``: the
        warnings and fails, those that fail in strict mode, and the passes.
        """
        out: dict[str | None, dict[str, int]] = {}
        for finding in self._findings:
            row = out.setdefault(finding.owner, {"to_fix": 0, "fail": 0, "pass": 0})
            if finding.problem:
                row["to_fix"] += 1
            if finding.strict_verdict == "fail":
                row["fail"] += 1
            if finding.verdict == "pass":
                row["pass"] += 1
        order = sorted(out, key=lambda o: (-out[o]["to_fix"], -out[o]["fail"], o is None, o or ""))
        return {owner: out[owner] for owner in order}

    def in_lang(self, lang: str) -> SmartReport:
        """The same report with messages and hints in *lang*."""
        lang = check_lang(lang)
        return self._with((f.in_lang(lang) for f in self._findings), lang=lang)

    # ------------------------------------------------------------ output
    def label(self, criterion: str) -> str:
        """A criterion's label in the report's language."""
        labels = self.labels.get(criterion)
        return labels.get(self.lang, criterion) if labels else criterion

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-safe dict: settings, findings, summaries."""
        return {
            "name": self.name,
            "lang": self.lang,
            "strict": self.strict,
            "mandate_period": list(self.mandate) if self.mandate else None,
            "criteria": list(self.criteria),
            "failed": self.failed,
            "summary": self.summary(),
            "by_owner": [{"owner": owner, **counts} for owner, counts in self.by_owner().items()],
            "findings": [f.to_dict() for f in self._findings],
        }

    def to_dataframe(self) -> Any:
        """The findings as a pandas DataFrame: one row per finding, in order.

        Columns element, criterion, code, verdict, strict_verdict, message,
        hint, evidence, owner and level (``<NA>`` when missing). Needs pandas
        (the ``pandas`` extra).

        Examples
        --------
        >>> import goalchain as gc
        >>> chain = gc.GoalChain(name="Exempel")
        >>> _ = chain.add_goal("kf1", "Fler elever ska klara skolan", level="council")
        >>> frame = gc.smart.check(chain, criteria=["responsible"]).to_dataframe()
        >>> frame[["element", "verdict", "strict_verdict", "message"]].values.tolist()
        [['kf1', 'warn', 'fail', 'målet saknar ägare']]
        """
        from ..report._frames import findings_frame

        return findings_frame(self)

    def _rows(self, include_passed: bool) -> list[list[str]]:
        rows = []
        for f in self._findings:
            if not include_passed and not f.problem:
                continue
            shown = verdict_label(f.verdict, self.lang) + ("*" if f.advisory else "")
            rows.append([f.element, self.label(f.criterion), shown, f.evidence, f.message, f.hint])
        return rows

    def _summary_rows(self) -> list[list[str]]:
        return [
            [self.label(c), *(str(counts[v]) for v in VERDICTS)]
            for c, counts in self.summary().items()
        ]

    def _owner_rows(self) -> list[list[str]]:
        no_owner = gettext("(no owner)", self.lang)
        return [
            [owner or no_owner, str(c["to_fix"]), str(c["fail"]), str(c["pass"])]
            for owner, c in self.by_owner().items()
        ]

    def _heading(self) -> str:
        lang = self.lang
        parts = [gettext("SMART check", lang) + (f": {self.name}" if self.name else "")]
        if self.mandate:
            parts.append(
                gettext("mandate period {start}–{end}", lang).format(
                    start=self.mandate[0], end=self.mandate[1]
                )
            )
        parts.append(
            gettext("strict mode", lang) if self.strict else gettext("advisory mode", lang)
        )
        return " · ".join(parts)

    def to_table(self, *, include_passed: bool = False) -> str:
        """A plain-text report: the findings to fix, then summaries per criterion and owner.

        With *include_passed*, passes and not-applicable findings are listed too.
        """
        from ..report import text_table  # the report layer writes the table

        lang = self.lang
        rows = self._rows(include_passed)
        parts = [self._heading(), ""]
        parts.append(text_table(_head(lang), rows) if rows else gettext("no findings to fix", lang))
        if any(f.advisory for f in self._findings) and rows:
            parts.append(_advisory(lang))
        parts += ["", gettext("Summary per criterion (number of findings)", lang) + ":"]
        parts.append(text_table(_summary_head(lang), self._summary_rows(), align="lrrrr"))
        parts += ["", gettext("To fix per owner", lang) + ":"]
        parts.append(text_table(_owner_head(lang), self._owner_rows(), align="lrrr"))
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.to_table()

    def _repr_html_(self) -> str:
        """Notebook display: the findings to fix, then the summary per criterion."""
        from ..report import html_table

        lang = self.lang
        rows = self._rows(False)
        findings = (
            html_table(_head(lang), rows, caption=self._heading())
            if rows
            else f"<p>{escape(gettext('no findings to fix', lang))}</p>"
        )
        summary = html_table(
            _summary_head(lang),
            self._summary_rows(),
            align="lrrrr",
            caption=gettext("Summary per criterion (number of findings)", lang),
            css=not rows,  # the style is in the findings' table when there is one
        )
        return findings + summary

    def to_markdown(self, *, include_passed: bool = False) -> str:
        """The report as Markdown: a heading, the findings table and the summaries."""
        lang = self.lang

        def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str) -> str:
            cell = markdown_text  # no HTML or Markdown structure from the chain

            marks = ["---:" if a == "r" else "---" for a in align]
            lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
            lines.append("| " + " | ".join(marks) + " |")
            lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
            return "\n".join(lines)

        rows = self._rows(include_passed)
        parts = [f"# {markdown_text(self._heading())}", ""]
        none = gettext("no findings to fix", lang)
        parts.append(table(_head(lang), rows, "llllll") if rows else none)
        if any(f.advisory for f in self._findings) and rows:
            parts += ["", _advisory(lang).replace("*", "\\*", 1)]
        parts += ["", "## " + gettext("Summary per criterion (number of findings)", lang), ""]
        parts.append(table(_summary_head(lang), self._summary_rows(), "lrrrr"))
        parts += ["", "## " + gettext("To fix per owner", lang), ""]
        parts.append(table(_owner_head(lang), self._owner_rows(), "lrrr"))
        return "\n".join(parts) + "\n"
