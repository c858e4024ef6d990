"""Goal chain files: YAML and JSON, governance model files, the JSON Schema, spreadsheets.

Measurements are also read from CSV and Excel files (:func:`read_measurements`,
:func:`import_measurements`), and :func:`write_template` writes a file to fill in.

A chain is stored as YAML (``.yaml``, ``.yml``) or JSON (``.json``), format
version 1; see the file-format reference. Loading then saving gives back the
same data, including fields goalchain does not know; writes are atomic.

Examples
--------
>>> import goalchain as gc
>>> chain = gc.GoalChain(name="Trelleborgs kommun", model="trelleborg")
>>> _ = chain.add_goal("vision", "Trelleborg ska vara en framgångskommun", level="vision")
>>> text = gc.dumps(chain)
>>> print(text, end="")
goalchain: 1
name: Trelleborgs kommun
model: trelleborg
elements:
  - id: vision
    level: vision
    title: Trelleborg ska vara en framgångskommun
>>> gc.loads(text) == chain
True
"""

from ._codec import FORMAT_VERSION, SUPPORTED_VERSIONS, from_data, to_data
from ._files import dump, dump_model, dumps, load, load_demo, load_model, loads
from ._limits import DEFAULT_LIMITS, Limits
from ._schema import schema
from ._sheet_cells import COLUMN_NAMES, MISSING_MARKERS
from ._sheet_import import ImportReport, import_measurements, read_measurements
from ._sheet_limits import SpreadsheetLimits
from ._sheet_template import write_template
from ._spreadsheet_errors import (
    OptionHint,
    SpreadsheetDuplicateError,
    SpreadsheetError,
    SpreadsheetLimitError,
    SpreadsheetUnitError,
    SpreadsheetUnknownIndicatorError,
    SpreadsheetValueError,
    SpreadsheetWarning,
)

__all__ = [
    "COLUMN_NAMES",
    "DEFAULT_LIMITS",
    "FORMAT_VERSION",
    "MISSING_MARKERS",
    "SUPPORTED_VERSIONS",
    "ImportReport",
    "Limits",
    "OptionHint",
    "SpreadsheetDuplicateError",
    "SpreadsheetError",
    "SpreadsheetLimitError",
    "SpreadsheetLimits",
    "SpreadsheetUnitError",
    "SpreadsheetUnknownIndicatorError",
    "SpreadsheetValueError",
    "SpreadsheetWarning",
    "dump",
    "dump_model",
    "dumps",
    "from_data",
    "import_measurements",
    "load",
    "load_demo",
    "load_model",
    "loads",
    "read_measurements",
    "schema",
    "to_data",
    "write_template",
]
