"""The `vnclean` command: options in, library calls, a report out. No text logic here."""

from __future__ import annotations

import sys

import click

import vnclean


@click.group()
@click.version_option(vnclean.__version__, prog_name="vnclean")
def main() -> None:
    """Clean scraped Vietnamese web text."""


@main.command()
@click.argument("paths", nargs=-1)
def clean(paths: tuple[str, ...]) -> None:
    """Clean text (first version: stdin to stdout)."""
    sys.stdout.write(vnclean.clean(sys.stdin.read()))
