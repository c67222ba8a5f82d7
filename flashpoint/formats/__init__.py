"""Readers and writers for event formats: one module per format."""
