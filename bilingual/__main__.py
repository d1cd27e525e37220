"""Allow ``python -m bilingual``."""

from bilingual.cli.commands import main

if __name__ == "__main__":
    main()
