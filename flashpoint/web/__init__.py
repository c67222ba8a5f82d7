"""The web face: a REST API and dashboard pages over the store (``flashpoint serve``).

:func:`create_app` builds the FastAPI application; ``api`` holds the JSON
endpoints, ``pages`` the dashboard pages (static HTML and scripts in
``static/``), ``problems`` the one error body every failure returns, and
``basemap`` the offline world map. Reads come from snapshots of the store
(:mod:`flashpoint.store.snapshot`), so the server never blocks a writer.
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
