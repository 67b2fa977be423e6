"""Griffe extensions for the API reference of notify-sdk.

* ``DropContextParameter``: the send and query methods of the clients are made
  from builder functions (``notify_sdk.services.sms.sends.send_sms(ctx, to, body, ...)``)
  whose first parameter, ``ctx``, the client supplies. The reference documents
  the builders, so their rendered signatures leave ``ctx`` out.
  The builders return the operation (``Operation[SendResult]``) or the pager
  (``Pager[SmsDelivery]``) the client runs; the rendered return type is what
  the client method returns (``SendResult``, ``Iterator[SmsDelivery]``).
* ``HidePrivateBases``: a class's "Bases:" line names only public classes.
  The clients inherit private mixins (``_Base``, the drivers, the generated
  method mixins of ``notify_sdk/_http/mixins.py``); their methods are
  documented on the reference page, so naming the mixins only shows readers
  names they cannot import. A base stays when it is not the SDK's
  (``str``, ``enum.Enum``) or a public module of the SDK exports it
  (``notify_sdk.errors.NotifyError``).
* ``TidyDocstrings``: the docstrings are written for both Sphinx and
  mkdocstrings. Sphinx roles (``:class:`~notify_sdk.Recipient```) become code
  spans (``Recipient``), and a Google-style ``Args:`` entry that documents
  several parameters at once and wraps its list of names over lines
  (``a, b, c,`` / ``d: shared text``) is joined onto one line, as the parser
  wants it.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

import griffe

_SERVICE_PACKAGE = "notify_sdk.services."
_SECTION = re.compile(r"^(\s*)(Args|Arguments|Parameters|Attributes):\s*$")
_NAMES_ONLY = re.compile(r"^\s*[A-Za-z_][\w]*(\s*,\s*[A-Za-z_][\w]*)*\s*,\s*$")


class DropContextParameter(griffe.Extension):
    """Remove the leading ``ctx`` parameter of the builders in the service modules."""

    def on_function_instance(self, *, func: griffe.Function, **kwargs: Any) -> None:
        if (
            not func.module.path.startswith(_SERVICE_PACKAGE)
            or not func.parent
            or not func.parent.is_module
        ):
            return
        params = list(func.parameters)
        if params and params[0].name == "ctx":
            del func.parameters["ctx"]
        returns = str(func.returns) if func.returns is not None else ""
        for wrapper, shown in (("Operation[", "{}"), ("Pager[", "Iterator[{}]")):
            if returns.startswith(wrapper) and returns.endswith("]"):
                func.returns = shown.format(returns[len(wrapper) : -1])


def _private_module(module: str) -> bool:
    parts = module.split(".")
    return any(part.startswith("_") for part in parts) or "services" in parts


def _find(path: str) -> object | None:
    module, _, name = path.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def public_base(path: str) -> bool:
    """Whether a base class named by its canonical ``path`` may be shown."""
    if not path.startswith("notify_sdk."):
        return True
    *modules, name = path.split(".")
    if name.startswith("_"):
        return False
    target = _find(path)
    for end in range(len(modules), 0, -1):
        module = ".".join(modules[:end])
        if _private_module(module):
            continue
        try:
            exported = getattr(importlib.import_module(module), name, None)
        except (ImportError, AttributeError):
            continue
        if exported is not None and (target is None or exported is target):
            return True
    return False


class HidePrivateBases(griffe.Extension):
    """Drop the private classes and mixins from every class's bases (see the module doc)."""

    def on_class_instance(self, *, cls: griffe.Class, **kwargs: Any) -> None:
        if cls.path.startswith("notify_sdk"):
            cls.bases = [
                base
                for base in cls.bases
                if public_base(str(getattr(base, "canonical_path", base)))
            ]


def join_wrapped_names(text: str) -> str:
    """Join ``Args:`` name lists that wrap onto the next line."""
    lines = text.splitlines()
    out: list[str] = []
    in_section = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if _SECTION.match(line):
            in_section = True
        elif in_section and line.strip() and not line.startswith((" ", "\t")):
            in_section = False
        while in_section and _NAMES_ONLY.match(line) and i + 1 < len(lines):
            line = line.rstrip() + " " + lines[i + 1].strip()
            i += 1
        out.append(line)
        i += 1
    return "\n".join(out)


_ROLE = re.compile(r":(?:class|meth|func|attr|mod|data|exc|obj|const):`([^`]+)`")


def _role_text(match: re.Match[str]) -> str:
    target = match.group(1).strip()
    if "<" in target and target.endswith(">"):  # :attr:`Title <dotted.path>`
        return f"`{target.split('<', 1)[0].strip()}`"
    if target.startswith("~"):
        target = target[1:].rsplit(".", 1)[-1]
    return f"`{target.lstrip('.')}`"


def tidy(text: str) -> str:
    """Sphinx roles to code spans, wrapped name lists joined."""
    return join_wrapped_names(_ROLE.sub(_role_text, text))


class TidyDocstrings(griffe.Extension):
    """Rewrite the package's docstrings for the Markdown renderer."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and obj.path.startswith("notify_sdk"):
            obj.docstring.value = tidy(obj.docstring.value)
