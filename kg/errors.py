"""Errors every stage raises for bad input: the CLI prints them as one line, never a traceback."""


class KgError(Exception):
    """A problem the user can fix: bad input, missing graph, disallowed query."""


class KgWarning(UserWarning):
    """A result the user may not have meant (an export left empty): the CLI prints it as one line on stderr."""
