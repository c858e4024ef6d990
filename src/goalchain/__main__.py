"""Run the command line with ``python -m goalchain``."""

from .cli import run

run()
