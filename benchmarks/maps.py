"""Print the weight each course map adds to its page (the iframe HTML, bytes and gzip).

    .venv/bin/python benchmarks/maps.py
"""

from __future__ import annotations

import gzip
import os

os.environ["CA_COURSE_RENDER"] = "static"

from ca_course import data, maps


def main() -> None:
    """Build every atlas map and print its size."""
    builders = {"region": maps.region, "enclaves": maps.enclaves, "corridors": maps.corridors}
    builders |= {f"theme:{t}": (lambda t=t: maps.theme(t)) for t in maps.THEME_COLORS}
    builders |= {f"membership:{o.id}": (lambda o=o: maps.membership(o.id))
                 for o in data.organizations() if len(o.members) >= 2}
    print(f"{'map':34} {'KB':>7} {'gzip KB':>8}")
    for name, build in builders.items():
        html = build()._repr_html_().encode("utf-8")
        print(f"{name:34} {len(html) / 1024:7.1f} {len(gzip.compress(html)) / 1024:8.1f}")


if __name__ == "__main__":
    main()
