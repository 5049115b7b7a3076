"""The command line (python -m lishi_metrics ...)."""
