"""Stage: content loading and layout spec loading — YAML with source lines, checked by schema.

`load` reads a YAML file into plain Python values (dict, list, str, int, float, bool, None)
and a `SourceMap` that finds the line of any key path. Dates stay strings exactly as written,
duplicate keys are errors, and every problem is an `InputError` with file and line.

`check_schema` validates those values against one of the JSON Schemas shipped in
`printer/schemas/`: unquoted scalars that YAML read as numbers or booleans are turned back
into the text written in the file wherever the schema wants a string (`title: 2024` stays
"2024", `version: 5.30` stays "5.30"), schema errors become located, readable messages, and
the schema's `default` values are filled in.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from printer.errors import ErrorCollector, InputError, KeyPath, dotted

Schema = dict[str, Any]

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"


class SourceMap:
    """Lines of every node of a loaded YAML document, and the text of non-string scalars.

    Calling it with a key path gives the 1-based line of the closest node on that path: the
    key's own line for mapping members, the item's line for list items, and line 1 at worst.
    """

    def __init__(self) -> None:
        self.lines: dict[KeyPath, int] = {(): 1}
        self.raw_text: dict[KeyPath, str] = {}

    def __call__(self, path: Sequence[str | int]) -> int:
        key = tuple(path)
        while key not in self.lines:
            key = key[:-1]
        return self.lines[key]

    def raw(self, path: Sequence[str | int]) -> str | None:
        """The source text of a plain scalar that YAML resolved to a non-string value."""
        return self.raw_text.get(tuple(path))

    def dotted_lines(self) -> dict[str, int]:
        """Every node's line by dotted key (`article.sections[2].banner` → 40)."""
        return {dotted(path): line for path, line in self.lines.items() if path}


def load(path: Path) -> tuple[Any, SourceMap]:
    """Read a YAML file: its data as plain Python values, and where each value came from."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, None, "", "file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, None, "", f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise InputError(path, None, "", f"cannot read the file: {exc.strerror}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise _syntax_error(path, exc) from None
    source = SourceMap()
    errors = ErrorCollector(path, source)
    data = None if root is None else _Converter(source, errors).convert(root, ())
    errors.raise_if_any()
    return data, source


def _syntax_error(path: Path, exc: yaml.YAMLError) -> InputError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        context = exc.context
        if context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            context += f" (begun on line {exc.context_mark.line + 1})"
        parts = [p for p in (context, exc.problem) if p]
        message = "invalid YAML: " + ", ".join(parts)
        if mark is not None:
            return InputError(path, mark.line + 1, "", message, column=mark.column + 1)
        return InputError(path, None, "", message)
    if isinstance(exc, yaml.reader.ReaderError):
        return InputError(path, None, "", f"invalid YAML: {exc.reason} at byte {exc.position}")
    return InputError(path, None, "", f"invalid YAML: {exc}")


class _Converter:
    """Turns composed YAML nodes into plain values, recording lines as it goes."""

    def __init__(self, source: SourceMap, errors: ErrorCollector) -> None:
        self.source = source
        self.errors = errors
        self.constructor = yaml.constructor.SafeConstructor()
        self.active: set[int] = set()

    def convert(self, node: yaml.Node, path: KeyPath) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if id(node) in self.active:
            self.errors.add(path, "an alias refers to the value that contains it")
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return self.sequence(node, path)
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path)
        finally:
            self.active.discard(id(node))
        self.errors.add(path, f"unsupported YAML node {node.tag}")
        return None

    def sequence(self, node: yaml.SequenceNode, path: KeyPath) -> list[Any]:
        items = []
        for index, child in enumerate(node.value):
            self.source.lines[(*path, index)] = child.start_mark.line + 1
            items.append(self.convert(child, (*path, index)))
        return items

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.errors.add(path, "a key must be plain text, not a list or mapping", line)
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in result:
                first = self.source.lines[child]
                self.errors.add(child, f"duplicate key '{key}' (first given on line {first})", line)
                continue
            self.source.lines[child] = line
            result[key] = self.convert(value_node, child)
        return result

    def scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        if node.tag in (_TIMESTAMP, _STR):
            return str(node.value)  # dates stay text, exactly as written
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            self.errors.add(path, f"unsupported YAML value: {exc.problem}")
            return None
        if value is not None and not isinstance(value, str):
            self.source.raw_text[path] = str(node.value)
        return value


# --- schema -------------------------------------------------------------------------------


@cache
def load_schema(name: str) -> Schema:
    """One of the JSON Schemas shipped in `printer/schemas/`, e.g. `content.schema.json`."""
    text = resources.files("printer").joinpath("schemas", name).read_text("utf-8")
    schema: Schema = json.loads(text)
    return schema


def check_schema(data: Any, source: SourceMap, schema_name: str, errors: ErrorCollector) -> Any:
    """Validate `data` against a shipped schema, adding located errors to `errors`.

    Returns the data with string-typed scalars restored to their source text and, when it
    validated, the schema's defaults filled in.
    """
    schema = load_schema(schema_name)
    data = _coerce(data, schema, schema, (), source)
    before = len(errors.errors)
    validator = Draft202012Validator(schema)
    for error in validator.iter_errors(data):
        for path, message in _messages(error):
            errors.add(path, message)
    if len(errors.errors) == before:
        _apply_defaults(data, schema, schema)
    return data


def load_checked(path: Path, schema_name: str) -> tuple[Any, SourceMap]:
    """`load` then `check_schema`, raising every problem found."""
    data, source = load(path)
    errors = ErrorCollector(path, source)
    data = check_schema(data, source, schema_name, errors)
    errors.raise_if_any()
    return data, source


def resolve(schema: Schema, root: Schema) -> Schema:
    """Follow local `$ref`s (`#/$defs/name`), keeping the referring schema's own keywords."""
    while "$ref" in schema:
        ref = schema["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/"):
            raise ValueError(f"only local $refs are supported, not {ref!r}")
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _child_schemas(data: Any, schema: Schema, root: Schema) -> Iterator[tuple[str | int, Schema]]:
    schema = resolve(schema, root)
    if isinstance(data, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key in data:
            sub = properties.get(key, extra)
            if isinstance(sub, dict):
                yield key, sub
    elif isinstance(data, list):
        prefix = schema.get("prefixItems", [])
        items = schema.get("items")
        for index in range(len(data)):
            sub = prefix[index] if index < len(prefix) else items
            if isinstance(sub, dict):
                yield index, sub


def _json_types(value: Any) -> set[str]:
    if isinstance(value, bool):
        return {"boolean"}
    if isinstance(value, int):
        return {"integer", "number"}
    if isinstance(value, float):
        return {"number", "integer"} if value.is_integer() else {"number"}
    return set()


def _coerce(data: Any, schema: Schema, root: Schema, path: KeyPath, source: SourceMap) -> Any:
    if isinstance(data, dict | list):
        for key, sub in _child_schemas(data, schema, root):
            data[key] = _coerce(data[key], sub, root, (*path, key), source)  # type: ignore[index]
        return data
    wanted = resolve(schema, root).get("type")
    types = {wanted} if isinstance(wanted, str) else set(wanted or ())
    if "string" in types and data is not None and not (_json_types(data) & types):
        raw = source.raw(path)
        if raw is not None:
            return raw
    return data


def _apply_defaults(data: Any, schema: Schema, root: Schema) -> None:
    resolved = resolve(schema, root)
    if isinstance(data, dict):
        for key, sub in resolved.get("properties", {}).items():
            sub = resolve(sub, root)
            if key not in data and "default" in sub:
                data[key] = copy.deepcopy(sub["default"])
    for key, sub in _child_schemas(data, schema, root):
        _apply_defaults(data[key], sub, root)


# --- messages -------------------------------------------------------------------------------

_TYPE_NAMES = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


def describe(value: Any) -> str:
    """How a message names a value the user gave: `a list`, `a number (5.3)`."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        return f"a string ('{shown}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _expected(types: Any) -> str:
    names = [types] if isinstance(types, str) else list(types)
    return " or ".join(_TYPE_NAMES.get(n, n) for n in names)


def _messages(error: ValidationError) -> list[tuple[KeyPath, str]]:
    """Turn one jsonschema error into (key path, human message) pairs."""
    if error.context:
        return _messages(best_match(error.context))
    path: KeyPath = tuple(error.absolute_path)
    kind, value, instance = error.validator, error.validator_value, error.instance
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        return [
            (
                (*path, key),
                f"unknown key '{key}' (expected one of: {', '.join(allowed)})",
            )
            for key in instance
            if key not in allowed
        ]
    if kind == "required" and isinstance(instance, dict):
        return [(path, f"missing required key '{key}'") for key in value if key not in instance]
    return [(path, _simple_message(str(kind), value, schema, instance) or error.message)]


def _simple_message(kind: str, value: Any, schema: Mapping[str, Any], instance: Any) -> str:
    messages: dict[str, Callable[[], str]] = {
        "type": lambda: f"expected {_expected(value)}, got {describe(instance)}",
        "enum": lambda: (
            f"expected one of: {', '.join(str(v) for v in value)}; got {describe(instance)}"
        ),
        "const": lambda: f"expected {value!r}, got {describe(instance)}",
        "minimum": lambda: f"must be at least {value}, got {instance}",
        "maximum": lambda: f"must be at most {value}, got {instance}",
        "exclusiveMinimum": lambda: f"must be more than {value}, got {instance}",
        "exclusiveMaximum": lambda: f"must be less than {value}, got {instance}",
        "minLength": lambda: "must not be empty",
        "minProperties": lambda: "must not be empty",
        "minItems": lambda: _count_message("at least", value, instance),
        "maxItems": lambda: _count_message("at most", value, instance),
        "uniqueItems": lambda: "items must not repeat",
        "pattern": lambda: (
            "must not be empty or blank"
            if value == "\\S"
            else f"{describe(instance)} is not {schema.get('x-form', 'in the expected form')}"
        ),
    }
    make = messages.get(kind)
    return make() if make else ""


def _count_message(bound: str, value: Any, instance: Any) -> str:
    got = len(instance) if isinstance(instance, list) else "?"
    noun = "item" if value == 1 else "items"
    return f"expected {bound} {value} {noun}, got {got}"
