"""Errors every stage raises for bad input: the CLI prints them as one line, never a traceback."""


class KgError(Exception):
    """A problem the user can fix: bad input, missing graph, disallowed query."""
