"""Unknot: a terminal guide through back-pain-relief routines."""

__version__ = "0.1.0"
