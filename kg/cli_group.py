"""The CLI's typer classes: failures and warnings as one line each, --debug tracebacks, help that shows values."""

from __future__ import annotations

import traceback
import warnings
from typing import TYPE_CHECKING, Literal, get_args, get_origin

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from kg.errors import KgError, KgWarning


def _choices(param) -> str | None:
    annotation = param.type_descriptor.annotation
    return f"[{'|'.join(get_args(annotation))}]" if get_origin(annotation) is Literal else None


class _Option(TyperOption):
    def display_type_rich(self, ctx) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar or _choices(self) or self.name.upper()


class _Argument(TyperArgument):
    @property
    def display_name_raw(self) -> str:
        return self.metavar or self.name.upper()

    def display_type_rich(self, ctx) -> str | None:
        return _choices(self)  # the name column already says what the value is

    def get_usage_pieces(self, ctx) -> list[str]:
        name = self.display_name_raw + ("..." if self.nargs != 1 else "")
        return [name if self.required else f"[{name}]"]


if TYPE_CHECKING:  # a mixin: the command class after it in the bases gives get_params
    _Command = TyperCommand
else:
    _Command = object
_SHOWN: dict[type, type] = {TyperOption: _Option, TyperArgument: _Argument}


class _HelpShowsValues(_Command):
    """Typer 0.29's help shows every parameter's Python type (`--help <bool>`, `--format <str>`,
    `--param <list[str]>`: TyperParameter.display_type) and arguments by their Python names in braces
    (`{fmt}`). Here a flag shows nothing, a choice its values ([table|json]), any other value its METAVAR."""

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            param.__class__ = _SHOWN.get(type(param), type(param))
        return params


class KgCommand(_HelpShowsValues, TyperCommand):
    pass


class KgGroup(_HelpShowsValues, TyperGroup):
    """Every failure ends as one line on stderr and a non-zero status, never a traceback (unless
    --debug asks for the traceback of an internal error); the library's warnings are lines too."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:  # kg's own options (kg --nope, KG_DEBUG=maybe); a command's are parsed in invoke
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as err:  # typer's usage errors (its own copy of click's)
            if not args:  # `kg` alone: typer shows the help
                raise
            _usage_error(err, "kg")

    def invoke(self, ctx):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always", KgWarning)
                warnings.showwarning = _show_warning(warnings.showwarning)
                return super().invoke(ctx)
        # a closed pipe (kg query ... | head) is typer's to end quietly
        except (typer.Exit, typer.Abort, BrokenPipeError):
            raise
        except typer.TyperException as err:
            _usage_error(err, f"kg {ctx.invoked_subcommand or ''}".strip())
        except KgError as err:
            typer.echo(f"kg: error: {err}", err=True)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            typer.echo("kg: interrupted; what was already stored is kept", err=True)
            raise typer.Exit(130) from None
        except Exception as err:
            if ctx.params.get("debug"):
                typer.echo(traceback.format_exc(), err=True, nl=False)
            typer.echo(f"kg: internal error: {type(err).__name__}: {err}", err=True)
            raise typer.Exit(70) from None


def _usage_error(err, command: str):
    typer.echo(f"kg: error: {' '.join(err.format_message().split())} (see `{command} --help`)", err=True)
    raise typer.Exit(2) from None


def _show_warning(show_others):
    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, KgWarning):
            typer.echo(f"kg: warning: {message}", err=True)
        else:
            show_others(message, category, filename, lineno, file, line)
    return show
