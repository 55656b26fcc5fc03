"""Answers: extractive (the default, no language model) and their rendering."""
