"""Pure maths: growth, progress, scenarios, Monte Carlo and indicator status."""
