"""Reproducible training of airdate's statistical components (``make model``)."""
