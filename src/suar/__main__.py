"""`python -m suar` is the `suar` command."""

import sys

from suar.cli import main

sys.exit(main())
