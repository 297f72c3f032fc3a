"""The PyInstaller bundle's entry point: the same ``main`` as the ``maturity-workshop`` launcher."""

import sys

from maturity_workshop.cli import main

if __name__ == "__main__":
    sys.exit(main())
