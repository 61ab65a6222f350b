"""Checks a load run against the server's own database (run as a subprocess
with the server's environment, so it reads MariaDB or SQLite as the server did)."""
import json
import sys

import django

django.setup()

from tests.harness.contracts import all_contracts  # noqa: E402


def main(path):
    with open(path) as handle:
        run = json.load(handle)
    contract = next(c for c in all_contracts() if c.block_type == run["block"])
    print(json.dumps(contract.load_verify(run["usage_id"], run["outcomes"], run["report"])))


if __name__ == "__main__":
    main(sys.argv[1])
