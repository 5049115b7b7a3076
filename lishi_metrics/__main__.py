"""Entry point for `python -m lishi_metrics`."""

import sys

from .cli import main

sys.exit(main())
