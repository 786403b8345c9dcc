"""The frozen program's entry point: the same `onestop` command as the installed one."""
import sys

from onestop.cli import main

if __name__ == "__main__":
    sys.exit(main())
