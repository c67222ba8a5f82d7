"""The loaded pipeline's objects and Python's cyclic garbage collector.

A loaded pipeline holds about 780,000 objects the collector tracks (spaCy's pipeline, the
gazetteer, the actor tables, the learned models) that live as long as the process. Every full
collection walks all of them, though none of them will be garbage: on the 249 Guardian stories,
two full collections cost 0.8 CPU s of the 39 of the coding run. :func:`settle` collects once
and then moves every object alive into the collector's permanent generation (``gc.freeze``),
which later collections skip. A frozen object is still freed as soon as nothing refers to it;
only a reference cycle among frozen objects outlives its use, so :func:`settle` is called once,
after a pipeline's first document, when its model and tables are loaded.

Loading them makes hardly any garbage, yet the collector, counting the new objects, ran nine
full collections over the growing heap while they loaded (1.3 CPU s); :func:`uncollected`
holds collections off meanwhile, and the one collection of :func:`settle` frees what garbage
there is.
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def uncollected() -> Iterator[None]:
    """No automatic garbage collection inside the block. A zero threshold holds it off, where
    ``gc.disable`` would not: spaCy's model loader (srsly's msgpack reader) enables the collector
    again whenever it has read a file."""
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def settle() -> None:
    """Collect the garbage, then leave every object alive out of later collections."""
    gc.collect()
    gc.freeze()
