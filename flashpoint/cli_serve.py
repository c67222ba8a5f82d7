"""``flashpoint serve``: the REST API and dashboard over a store (see :mod:`flashpoint.web`)."""
from __future__ import annotations

import argparse
import sys

from .config import load_config
from .store import DEFAULT_DB


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register this module's sub-commands."""
    p = sub.add_parser("serve", help="serve the REST API and dashboard over a store (http://127.0.0.1:8000)",
                       description="Serve the store's events as a REST API (/api, documented at /docs) and a "
                                   "dashboard (timeline, dyad view, map, event table). Reads come from a "
                                   "snapshot of the store, so imports and ingests can run meanwhile. POST "
                                   "endpoints need the token in FLASHPOINT_TOKEN (or the config file).")
    p.add_argument("--db", default=None, help=f"the store file (default: config 'db', else {DEFAULT_DB})")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--config", metavar="TOML", help="a config file with a [flashpoint] table (e.g. token)")
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .web import create_app

    config = load_config(path=args.config)
    app = create_app(args.db or config.db, config=config)
    writes = "on (token set)" if config.token else "off (no FLASHPOINT_TOKEN)"
    print(f"flashpoint: serving {args.db or config.db} at http://{args.host}:{args.port}/ "
          f"(API docs at /docs; writes {writes})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
