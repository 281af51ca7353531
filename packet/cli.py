"""The command line: a thin layer over the pipeline's plain functions.

Commands import their stage lazily so `packet check` and `packet extract`
start fast (WeasyPrint is only imported by commands that render). Every
PacketError is printed as its one-line message and turned into an exit
status; no traceback reaches the user.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from packet import __version__
from packet.errors import PacketError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn a reading group's curriculum into printed handouts and facilitator run-sheets.",
)

CURRICULUM_ARG = typer.Argument(
    Path("curriculum.yaml"), help="The curriculum file.", show_default=True
)


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"packet {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Turn a reading group's curriculum into printed handouts and facilitator run-sheets."""


@app.command()
def check(
    curriculum: Path = CURRICULUM_ARG,
    links: bool = typer.Option(False, "--links", help="Also check that every link of the curriculum answers."),
) -> None:
    """Validate a curriculum and summarise it: weeks, readings, videos, minutes planned."""
    from packet.load import load_curriculum
    from packet.summary import render_summary

    loaded = load_curriculum(curriculum)
    render_summary(loaded, curriculum)


@app.command()
def schema() -> None:
    """Print the JSON Schema of curriculum.yaml, for editors."""
    from packet.schema import schema_text

    sys.stdout.write(schema_text())


def main() -> None:
    """Entry point of the `packet` console script."""
    try:
        app(standalone_mode=False)
    except PacketError as exc:
        _err(str(exc))
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _err("Aborted.")
        sys.exit(130)
    except KeyboardInterrupt:
        _err("Interrupted; outputs already written are complete, the rest were left as they were.")
        sys.exit(130)
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
