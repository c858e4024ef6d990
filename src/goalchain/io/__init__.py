"""Goal chain files: YAML and JSON, governance model files, and the JSON Schema.

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
from ._files import dump, dump_model, dumps, load, load_model, loads
from ._schema import schema

__all__ = [
    "FORMAT_VERSION",
    "SUPPORTED_VERSIONS",
    "dump",
    "dump_model",
    "dumps",
    "from_data",
    "load",
    "load_model",
    "loads",
    "schema",
    "to_data",
]
