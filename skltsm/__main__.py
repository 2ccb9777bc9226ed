"""``python -m skltsm``: the same as the ``skltsm`` command (see :mod:`skltsm.cli`)."""

import sys

from skltsm.cli import main

if __name__ == "__main__":
    sys.exit(main())
