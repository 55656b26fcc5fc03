"""Check the standard profiles and the crosswalk in corpus/profiles/.

Run from anywhere: ``python scripts/check_profiles.py [--quotes FILE | --skip-quotes]
[--profiles-dir DIR]``. Exits 1 and lists every finding when something is wrong, 0 when all
checks pass, 2 when the quotes file is missing. What is checked: assistant/standards/checks.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.standards.checks import PROFILES_DIR, check_all  # noqa: E402

DEFAULT_QUOTES = Path("/work/notes/s21/P-quoted-snippets.txt")


def main(argv: list[str] | None = None) -> int:
    """Run every check and print the findings; 0 when there are none."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quotes", type=Path, default=Path(os.environ.get("IPMS_PROFILE_QUOTES", DEFAULT_QUOTES)),
                        help="file of snippets quoted from the standards (kept outside the repository)")
    parser.add_argument("--skip-quotes", action="store_true", help="compare with bj-ipm only (no quotes file)")
    parser.add_argument("--profiles-dir", type=Path, default=PROFILES_DIR, help="folder of the profiles and crosswalk.csv")
    args = parser.parse_args(argv)

    quotes = None
    if not args.skip_quotes:
        if not args.quotes.is_file():
            print(f"check_profiles: quotes file {args.quotes} not found (pass --quotes FILE or --skip-quotes)")
            return 2
        quotes = args.quotes.read_text(encoding="utf-8")
    result = check_all(args.profiles_dir, quotes)
    for finding in result.findings:
        print(finding)
    print(result.line)
    return 1 if result.findings else 0


if __name__ == "__main__":
    sys.exit(main())
