"""Print the Kazakh JupyterLab language pack's coverage: strings translated / total per domain.

    .venv/bin/python tools/languagepack_coverage.py

The totals are the msgids of ``lab/language-pack-kk_KZ`` (the official ru-RU pack's msgids
and the strings of the installed JupyterLab and extensions; see ``tools/languagepack.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from languagepack import print_coverage

if __name__ == "__main__":
    print_coverage()
