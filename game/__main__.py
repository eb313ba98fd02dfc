"""Lets `python -m game` work like `nlmg`."""

from game.cli import main

raise SystemExit(main())
