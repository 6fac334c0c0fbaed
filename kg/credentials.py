"""Credentials for a SPARQL store (kg push, --endpoint): from the URL, caller, environment, ~/.netrc or a prompt."""

from __future__ import annotations

import netrc
import os
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError


class CredentialsError(KgError):
    """No usable user and password for a store that was given some of them."""


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str


def redacted(url: str) -> str:
    """The URL without the user and password it may hold, for messages."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """The URL without its user information, and the user and password it held ("http://u:p@host/")."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None, None
    password = urllib.parse.unquote(parts.password) if parts.password is not None else None
    return redacted(url), urllib.parse.unquote(parts.username), password


def _netrc_entry(host: str, netrc_file: Path | None) -> tuple[str, str, str] | None:
    try:
        return netrc.netrc(netrc_file).authenticators(host)
    except FileNotFoundError:
        return None
    except (netrc.NetrcParseError, OSError) as err:
        raise CredentialsError(f"cannot read {netrc_file or '~/.netrc'}: {err}") from None


def login(endpoint: str, user: str | None = None, password: str | None = None, *,
          ask: Callable[[str], str] | None = None, netrc_file: Path | None = None) -> tuple[str, Credentials | None]:
    """The endpoint without user information, and the credentials to send (None: no user anywhere).

    The user and password the endpoint URL holds win; else `user` (or KG_PUSH_USER) with
    `password`, KG_PUSH_PASSWORD, or the ~/.netrc entry of the endpoint's host, whose login also
    serves when no user is given; a user whose password none of these holds gets one from
    `ask(prompt)` (a terminal prompt), or is an error. Never from a command line, which every
    user of the machine can read."""
    endpoint, url_user, url_password = split_credentials(endpoint)
    user = url_user or user or os.environ.get("KG_PUSH_USER") or None
    if url_password is not None:
        password = url_password
    elif password is None:
        password = os.environ.get("KG_PUSH_PASSWORD")
    if (password is None and (entry := _netrc_entry(urllib.parse.urlsplit(endpoint).hostname or "", netrc_file))
            and user in (None, entry[0])):
        user, password = entry[0], entry[2]
    if user is None:
        if password is not None:
            raise CredentialsError("a password but no user: give --user (or KG_PUSH_USER)")
        return endpoint, None
    if password is None:
        if ask is None:
            raise CredentialsError(f"no password for {user}: set KG_PUSH_PASSWORD or put it in ~/.netrc")
        password = ask(f"password for {user}")
    return endpoint, Credentials(user, password)
