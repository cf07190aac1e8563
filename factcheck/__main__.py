"""``python -m factcheck``: the same as the ``factcheck`` command."""

import sys

from ._cli import main

sys.exit(main())
