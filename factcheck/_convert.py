"""The one cattrs converter: TOML / JSON data to model values and back, with explicit time hooks."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import enum
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import cattrs
import pendulum
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._errors import TimeValueError
from ._model import (
    CasebookSettings,
    Claim,
    Excerpt,
    Expectation,
    Fact,
    Property,
    Relation,
    Revision,
    Source,
    Stakeholder,
)
from ._when import When

__all__ = ["ClaimFileDoc", "converter", "default_zone", "describe_errors"]

#: The zone that time values without one take while a file is being structured.
_DEFAULT_ZONE: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "factcheck_default_zone", default=None
)


@contextlib.contextmanager
def default_zone(zone: str | None) -> Iterator[None]:
    """Within this block, time values without a zone take ``zone`` (``None``: they are errors)."""
    token = _DEFAULT_ZONE.set(zone)
    try:
        yield
    finally:
        _DEFAULT_ZONE.reset(token)


@attrs.define
class ClaimFileDoc:
    """The shape of one claim file: its zone, stakeholders, properties, claims and relations."""

    zone: str | None = None
    stakeholders: list[Stakeholder] = attrs.field(factory=list)
    properties: list[Property] = attrs.field(factory=list)
    claims: list[Claim] = attrs.field(factory=list)
    relations: list[Relation] = attrs.field(factory=list)


def _structure_when(value: Any, _: type) -> When:
    if isinstance(value, When):
        return value
    if isinstance(value, _dt.time):
        raise TimeValueError("a time of day alone is not a time value: give the date and zone too")
    return When.parse(value, _DEFAULT_ZONE.get())


def _structure_str(value: Any, _: type) -> str:
    # Only a real string: cattrs' default would quietly turn 42 or a table into text.
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {_kind_of(value)}")
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {_kind_of(value)}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_kind_of(value)}")
    return value


def _structure_strings(value: Any, _: type) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list of strings, got {_kind_of(value)}")
    bad = [i for i, item in enumerate(value) if not isinstance(item, str)]
    if bad:
        raise TypeError(f"expected a list of strings; item {bad[0]} is {_kind_of(value[bad[0]])}")
    return tuple(value)


def _structure_status(value: Any, _: type) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return _structure_strings(value, tuple)


def _kind_of(value: Any) -> str:
    names = {dict: "a table", list: "a list", bool: "a boolean", int: "a number", float: "a number",
             str: "a string"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return f"{name} ({value!r})" if kind in (int, float, bool, str) else name
    return type(value).__name__


def _enum_hook(cls: type[enum.Enum]) -> Any:
    choices = " | ".join(member.value for member in cls)

    def structure(value: Any, _: type) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            raise ValueError(f"expected one of {choices}, got {value!r}") from None

    return structure


def _structure_stances(value: Any, _: type) -> Mapping[str, Any]:
    from ._model import Stance

    if not isinstance(value, dict):
        raise TypeError(
            "expected a table of claim id = stance, "
            f'such as {{ board-accepts-demands = "asserts" }}, got {_kind_of(value)}'
        )
    structure = _enum_hook(Stance)
    errors: list[Exception] = []
    result = {}
    for key, item in value.items():
        try:
            result[key] = structure(item, Stance)
        except ValueError as exc:
            exc.add_note(f"stance for claim {key!r}")
            errors.append(ValueError(f"{key}: {exc}"))
    if errors:
        raise errors[0]
    return result


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(When, _structure_when)
    conv.register_unstructure_hook(When, When.text)
    # pendulum values only ever travel inside When; refuse to let one slip through as a plain str.
    conv.register_unstructure_hook(pendulum.DateTime, lambda dt: dt.isoformat())
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], _structure_strings)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda _: lambda e: e.value
    )
    conv.register_unstructure_hook(MappingProxyType, lambda m: {k: conv.unstructure(v) for k, v in m.items()})
    for cls in (Stakeholder, Revision, Fact, Property, CasebookSettings, Source, Claim):
        conv.register_structure_hook(cls, make_dict_structure_fn(cls, conv))
        conv.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
        )
    conv.register_structure_hook(
        Excerpt,
        make_dict_structure_fn(
            Excerpt, conv, source=override(omit=True),
            stances=override(struct_hook=_structure_stances),
        ),
    )
    conv.register_unstructure_hook(
        Excerpt,
        make_dict_unstructure_fn(
            Excerpt, conv, _cattrs_omit_if_default=True, source=override(omit=True)
        ),
    )
    conv.register_structure_hook(
        Expectation,
        make_dict_structure_fn(Expectation, conv, status=override(struct_hook=_structure_status)),
    )
    conv.register_unstructure_hook(
        Expectation,
        make_dict_unstructure_fn(
            Expectation, conv, _cattrs_omit_if_default=True,
            status=override(unstruct_hook=lambda s: s[0] if len(s) == 1 else list(s)),
        ),
    )
    conv.register_structure_hook(
        Relation, make_dict_structure_fn(Relation, conv, from_=override(rename="from"))
    )
    conv.register_unstructure_hook(
        Relation,
        make_dict_unstructure_fn(
            Relation, conv, _cattrs_omit_if_default=True, from_=override(rename="from")
        ),
    )
    conv.register_structure_hook(ClaimFileDoc, _structure_claim_file)
    return conv


_CLAIM_FILE_KEYS: dict[str, Any] = {
    "zone": str | None,
    "stakeholders": list[Stakeholder],
    "properties": list[Property],
    "claims": list[Claim],
    "relations": list[Relation],
}


def _structure_claim_file(value: Any, _: type) -> ClaimFileDoc:
    if not isinstance(value, dict):
        raise TypeError("expected a table")
    extra = sorted(set(value) - set(_CLAIM_FILE_KEYS))
    errors: list[Exception] = []
    if extra:
        errors.append(
            cattrs.ForbiddenExtraKeysError("", ClaimFileDoc, set(extra))
        )
    parts: dict[str, Any] = {}
    for key, kind in _CLAIM_FILE_KEYS.items():
        if key not in value:
            continue
        try:
            parts[key] = converter.structure(value[key], kind)
        except Exception as exc:
            exc.add_note(cattrs.AttributeValidationNote(f"Structuring {key}", key, kind))
            errors.append(exc)
    if errors:
        raise cattrs.ClassValidationError("While structuring a claim file", errors, ClaimFileDoc)
    return ClaimFileDoc(**parts)


converter = _make_converter()


def _format_exception(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        keys = ", ".join(sorted(exc.extra_fields))
        return f"unknown key(s) {keys}: not part of the format (see docs/format.md)"
    if isinstance(exc, KeyError):
        return "required key is missing"
    if isinstance(exc, (TypeError, ValueError)) and str(exc):
        text = str(exc)
        if text.startswith(("expected", "time", "interval", "unknown", "a time")) or isinstance(
            exc, TimeValueError
        ):
            return text
        if "argument" in text:
            return f"expected a value of type {getattr(type_, '__name__', type_)}"
        return text
    return f"expected a value of type {getattr(type_, '__name__', type_)}"


def describe_errors(exc: BaseException) -> list[tuple[str, str]]:
    """Turn a cattrs validation error into (key path, what was expected) pairs."""
    pairs = []
    for line in cattrs.transform_error(exc, path="$", format_exception=_format_exception):
        message, _, path = line.rpartition(" @ ")
        path = path.removeprefix("$").removeprefix(".")
        pairs.append((path, message))
    return pairs
