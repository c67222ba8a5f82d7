"""flashpoint: crisis news in, structured, auditable event data out."""
from __future__ import annotations

from .coder import code, code_paths, code_text
from .model import Actor, Document, Event, EventDate, Place, Sentence

__version__ = "0.1.0"
__all__ = ["Actor", "Document", "Event", "EventDate", "Place", "Sentence", "code", "code_paths",
           "code_text", "__version__"]
