"""The reliability suite (`ipms reliability`): attacks on the product grouped by category, each
one survived or not, printed as survived/total per category.

An attack is a small function that does one hostile or unlucky thing (a path in an intake, a
corrupted index file, a kill -9 mid-build, a forged citation in a model's text) and reports an
`Outcome`. Categories live in `evals/reliability/attacks/`, one module each, listed in
`attacks/__init__.py`. See `lab.py` for the sandbox every attack runs in.
"""
