"""`python -m tui`: the command line of tui/cli/main.py (the console script `hoinghi` runs the same)."""

import sys

from tui.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
