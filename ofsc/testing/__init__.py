"""Test helpers for code that uses ofsc: spec-driven sample data and a local mock OFS."""

from .samples import SchemaSampler, normalised_spec

__all__ = ["SchemaSampler", "normalised_spec"]
