"""Run the command line as `python -m sitrep`."""

from sitrep.cli import main

main()
