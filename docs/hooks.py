"""MkDocs hooks: generate the result-code reference and the client-method reference.

``reference/codes.md`` is not a file in ``docs/``: on every build it is
rendered by ``tools/gen_codes.py`` (``render_reference_markdown()``) from the
package's code tables, the same data the exception classes and delivery enums
are generated from, so the page cannot disagree with the code.

``reference/api.md`` holds a marker where the client-method sections go; they
are made from the endpoint registry
(``notify_sdk._core.endpoints.reference_markdown()``), so a declared endpoint
is listed without a docs edit.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs.structure.files import File, Files

CODES_PAGE = "reference/codes.md"
API_PAGE = "reference/api.md"
ENDPOINT_MARKER = "<!-- endpoint-reference: generated from the endpoint registry at build time -->"


def _load_generator(root: Path) -> ModuleType:
    path = root / "tools" / "gen_codes.py"
    spec = importlib.util.spec_from_file_location("_notify_sdk_gen_codes", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load the code generator from {path}")
    module = importlib.util.module_from_spec(spec)
    # dataclasses and friends look the module up by name while it executes.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def render_codes_page(root: Path) -> str:
    """The Markdown of the result-code reference, straight from the code tables."""
    generator = _load_generator(root)
    markdown: str = generator.render_reference_markdown(root)
    return markdown


def on_files(files: Files, config: Any) -> Files:
    """Add the generated code reference to the site (replacing any stale copy)."""
    root = Path(config["config_file_path"]).resolve().parent
    content = render_codes_page(root)
    stale = files.get_file_from_path(CODES_PAGE)
    if stale is not None:
        files.remove(stale)
    files.append(File.generated(config, CODES_PAGE, content=content))
    return files


def expand_api_page(markdown: str) -> str:
    """The API reference page with its client-method sections filled in from the registry."""
    if ENDPOINT_MARKER not in markdown:
        raise RuntimeError(f"{API_PAGE} lost its endpoint marker")
    from notify_sdk._core.endpoints import reference_markdown

    return markdown.replace(ENDPOINT_MARKER, reference_markdown())


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Fill the endpoint reference into ``reference/api.md``."""
    if page.file.src_uri == API_PAGE:
        return expand_api_page(markdown)
    return markdown
