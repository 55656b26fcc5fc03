"""The categories of the reliability suite, in the order they are printed: category name ->
module. Each module has `attacks() -> list[Attack]`."""

CATEGORIES: dict[str, str] = {
    "cli input": "evals.reliability.attacks.cli_input",
    "imports": "evals.reliability.attacks.imports",
    "draft paths": "evals.reliability.attacks.draft_paths",
    "crash points": "evals.reliability.attacks.crash_points",
    "corrupted index": "evals.reliability.attacks.corrupted_index",
    "read-only and full disk": "evals.reliability.attacks.disk",
    "web auth": "evals.reliability.attacks.web_auth",
    "web paths": "evals.reliability.attacks.web_paths",
    "guard bypasses": "evals.reliability.attacks.guard_bypass",
    "prompt injection": "evals.reliability.attacks.prompt_injection",
    "concurrency": "evals.reliability.attacks.concurrency",
    "web load": "evals.reliability.attacks.web_load",
}
