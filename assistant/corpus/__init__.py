"""The corpus: cleaned standards, their manifest, and their clause trees."""
