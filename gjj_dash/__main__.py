"""Entry point for `python -m gjj_dash`: the same CLI as the `gjj-dash` console script."""

from gjj_dash.cli import run

run()
