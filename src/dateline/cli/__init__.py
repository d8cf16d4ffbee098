"""The ``dateline`` command line: a click group with one module per command.

Every module in this package (other than those starting with ``_``) defines ``command``: a
click command or group, added to :data:`cli` under its own name. Commands parse options and
call the library; heavy imports stay inside the command functions so ``dateline --help`` is fast.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from .. import __version__
from ..errors import DatelineError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dateline")
def cli() -> None:
    """dateline: turn news articles into facts with evidence.

    Every fact (actor, quote, place, date, event) carries character offsets into the article text.
    """


for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")):
    cli.add_command(importlib.import_module(f"{__name__}.{_module}").command)


def main() -> None:
    """Entry point of the ``dateline`` script."""
    try:
        cli(prog_name="dateline")
    except DatelineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
