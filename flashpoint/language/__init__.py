"""Shared grammar read off the dependency parse: the token view, argument extraction,
negation, modality and stated intent. Used by the stages; imports no stage."""
