"""Evaluation sets (evals/sets/) and the runner behind `ipms eval`."""
