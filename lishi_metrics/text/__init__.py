"""Text: number/unit formatting, markdown escaping, zh/en strings."""
