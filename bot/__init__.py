"""Baithak: a community bot for creator networks."""

__version__ = "0.1.0"
