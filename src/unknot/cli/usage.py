"""The one error a command raises for a mistake on the command line."""


class UsageError(Exception):
    """A mistake on the command line, reported on stderr without a traceback (exit status 2)."""
