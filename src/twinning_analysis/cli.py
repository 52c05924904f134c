"""Command line (placeholder until the pipeline lands)."""


def main(argv=None) -> int:
    return 0
