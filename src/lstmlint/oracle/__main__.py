"""``python -m lstmlint.oracle``: run the conformance suite under real Keras."""

import sys

from .suite import main

sys.exit(main())
