"""``python -m twinning_analysis`` runs the command line (see :mod:`twinning_analysis.cli`)."""
from twinning_analysis.cli import main

raise SystemExit(main())
