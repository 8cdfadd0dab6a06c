"""Run Unknot with `python -m unknot`."""

import sys

from .cli import main

sys.exit(main())
