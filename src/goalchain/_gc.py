"""Keep the garbage collector's full passes off the objects that exist before a long call.

Used by SMART checks and roll-ups: in a process holding a large chain, a full
collection walks every element, and one triggered during a roll-up of a
million-element chain costs hundreds of milliseconds.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator

__all__ = ["frozen_objects"]


def _nothing() -> None:
    return None


@contextlib.contextmanager
def frozen_objects() -> Iterator[Callable[[], None]]:
    """Freeze the objects that exist now, and those of later calls, for the ``with`` block.

    A check of 10^4 goals keeps some 2 x 10^5 new objects (findings and their
    texts) until it returns. Whenever enough new objects have survived, CPython
    runs a full collection over every tracked object of the process -- the
    chain's hundreds of thousands, the findings so far, and whatever else the
    program holds -- and those passes took a quarter of the check's time. The
    block freezes the existing objects (:func:`gc.freeze`), and the function it
    yields freezes those created since (call it now and then: the findings made
    so far stay until the end); the collector's passes then only visit what is
    newer. At the end everything is unfrozen (:func:`gc.unfreeze`, into the
    oldest generation), so garbage among it is still collected, only later. The
    collector is never disabled.

    Nothing is frozen when the collector is disabled, or when the program has
    frozen objects itself (the block would otherwise unfreeze them).

    Yields
    ------
    callable
        Freezes the objects created since the block began (a no-op when
        nothing is frozen).
    """
    if not gc.isenabled() or gc.get_freeze_count():
        yield _nothing
        return
    gc.freeze()
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()
