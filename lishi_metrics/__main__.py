"""Entry point for `python -m lishi_metrics`."""

import sys

from lishi_metrics.cli.main import main

sys.exit(main())
