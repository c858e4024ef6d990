"""The ground floor of language: message catalogs, plural forms, numbers,
dates and the labels of goalchain's keys.

Imports nothing of goalchain above :mod:`goalchain.exceptions`; every layer may
import it. See :mod:`goalchain._i18n._catalog` (catalogs),
:mod:`goalchain._i18n._numbers` (numbers and dates) and
:mod:`goalchain._i18n._labels` (labels).
"""

from ._catalog import (
    DOMAIN,
    N_,
    SOURCE_LANGUAGE,
    catalog_dirs,
    check_lang,
    forget_catalog_dir,
    gettext,
    languages,
    ngettext,
    npgettext,
    pgettext,
    use_catalog_dir,
)
from ._labels import (
    STATUS_LABELS,
    assessment_method_label,
    computed_note,
    direction_word,
    element_kind_label,
    provenance_label,
    rule_label,
    scorer_label,
    status_label,
    strategy_label,
)
from ._numbers import format_date, format_number, size_decimals

__all__ = [
    "DOMAIN",
    "N_",
    "SOURCE_LANGUAGE",
    "STATUS_LABELS",
    "assessment_method_label",
    "catalog_dirs",
    "check_lang",
    "computed_note",
    "direction_word",
    "element_kind_label",
    "forget_catalog_dir",
    "format_date",
    "format_number",
    "gettext",
    "languages",
    "ngettext",
    "npgettext",
    "pgettext",
    "provenance_label",
    "rule_label",
    "scorer_label",
    "size_decimals",
    "status_label",
    "strategy_label",
    "use_catalog_dir",
]
