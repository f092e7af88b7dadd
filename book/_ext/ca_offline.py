"""Local Sphinx extension: the offline edition (an installable web app).

After a successful HTML build it calls :func:`ca_course.offline.publish`, which writes the
manifest, the icons, the service worker with its precache list (generated from the built
files) and the client script, and links them from every page. It runs after the other
``build-finished`` hooks (priority 900), so that the precache list and the cache's hash
see the site's final files (outlines, translated scripts, the root redirect, the wheel).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def publish_offline(app: Sphinx, exception: Exception | None) -> None:
    """Make the built HTML site installable and readable offline."""
    if exception is not None or app.builder.name != "html":
        return
    from ca_course.offline import BUDGET_BYTES, publish

    start = app.builder.get_target_uri(app.config.root_doc)
    result = publish(Path(app.outdir), start)
    logger.info("ca_offline: %d files precached (%.2f MB), cache %s", len(result.files),
                result.size / 1024 / 1024, result.cache)
    if result.size > BUDGET_BYTES:
        logger.warning("ca_offline: the precache weighs %.2f MB, over its %.0f MB budget "
                       "(ca_course.offline.BUDGET_BYTES)", result.size / 1024 / 1024,
                       BUDGET_BYTES / 1024 / 1024)


def setup(app: Sphinx) -> dict[str, Any]:
    """Connect :func:`publish_offline` after every other build-finished hook."""
    app.connect("build-finished", publish_offline, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
