"""Print the key table of a shipped JSON Schema as Markdown, for docs/layout.md and
docs/content.md ("## Keys"): one row per key with its kind, default and description.

    python tools/schema_table.py layout > /tmp/keys.md

A recursive definition (a region holds regions) is listed once.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from printer.yamlsource import load_schema, resolve

KINDS = {
    "#/$defs/length": "length",
    "#/$defs/em": "em fraction",
    "#/$defs/name": "name",
    "#/$defs/optional_name": "name or null",
    "#/$defs/font": "font role",
    "#/$defs/extent": "number or range",
    "#/$defs/text": "text",
    "#/$defs/rich": "rich text",
    "#/$defs/paragraph": "rich text",
}
TYPES = {"string": "text", "integer": "integer", "number": "number", "boolean": "true/false",
         "array": "list", "object": "mapping", "null": "null"}


def kind(schema: dict[str, Any], root: dict[str, Any]) -> str:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref in KINDS:
        return KINDS[ref]
    resolved = resolve(schema, root)
    if "enum" in resolved:
        return "one of " + ", ".join(f"`{v}`" for v in resolved["enum"])
    types = resolved.get("type", "")
    names = [types] if isinstance(types, str) else list(types)
    return " or ".join(TYPES.get(n, n) for n in names) or "—"


def default(schema: dict[str, Any], parent: dict[str, Any], name: str,
            root: dict[str, Any]) -> str:
    resolved = resolve(schema, root)
    if name in parent.get("required", []):
        return "required"
    if "default" in resolved:
        value = resolved["default"]
        return f"`{json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}`"
    return "optional"


def rows(schema: dict[str, Any], root: dict[str, Any], prefix: str,
         seen: frozenset[str] = frozenset()) -> list[str]:
    ref = schema.get("$ref")
    if isinstance(ref, str):
        if ref in seen:
            return []
        seen = seen | {ref}
    resolved = resolve(schema, root)
    found = []
    for name, sub in resolved.get("properties", {}).items():
        full = resolve(sub, root)
        description = full.get("description", "").replace("|", "\\|")
        found.append(f"| `{prefix}{name}` | {kind(sub, root)} | "
                     f"{default(sub, resolved, name, root)} | {description} |")
        found += rows(sub, root, f"{prefix}{name}.", seen)
        items = full.get("items")
        if isinstance(items, dict):
            found += rows(items, root, f"{prefix}{name}[].", seen)
        extra = full.get("additionalProperties")
        if isinstance(extra, dict):
            found += rows(extra, root, f"{prefix}{name}.<name>.", seen)
    return found


def main() -> None:
    root = load_schema(f"{sys.argv[1]}.schema.json")
    print("| key | kind | default | meaning |")
    print("|---|---|---|---|")
    for row in rows(root, root, ""):
        print(row)


if __name__ == "__main__":
    main()
