"""One module per pipeline stage: ingest, parse, actors, places, events, dates."""
