"""The one cattrs converter: TOML / JSON data to model values and back, with explicit time hooks."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import enum
import functools
import math
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._bounds import parse_time
from ._due import Due, DueIn, parse_due
from ._errors import TimeValueError
from ._model import (
    CasebookSettings,
    Claim,
    Excerpt,
    Expectation,
    Fact,
    Property,
    Quantity,
    Relation,
    Revision,
    Source,
    Stakeholder,
    Stance,
    Stances,
)
from ._quantity import check_tolerance
from ._suggest import did_you_mean
from ._when import When

__all__ = ["DEFAULT_ZONE", "ClaimFileDoc", "converter", "default_zone", "describe_errors"]

#: The zone that time values without one take while a file is being structured (set it with
#: :func:`default_zone`).
DEFAULT_ZONE: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "factcheck_default_zone", default=None
)


@contextlib.contextmanager
def default_zone(zone: str | None) -> Iterator[None]:
    """Within this block, time values without a zone take ``zone`` (``None``: they are errors)."""
    token = DEFAULT_ZONE.set(zone)
    try:
        yield
    finally:
        DEFAULT_ZONE.reset(token)


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
    return parse_time(value, DEFAULT_ZONE.get())


def _structure_due(value: Any, _: type) -> Due | None:
    if value is None or isinstance(value, When | DueIn):
        return value
    if isinstance(value, _dt.time):
        raise TimeValueError("a time of day alone is not a time value: give the date and zone too")
    return parse_due(value, DEFAULT_ZONE.get())


def _structure_str(value: Any, _: type) -> str:
    # Only a real string: cattrs' default would quietly turn 42 or a table into text.
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {_kind_of(value)}")
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {_kind_of(value)}")
    return value


def _structure_number(value: Any, _: type) -> int | float | None:
    # A whole number stays whole and a decimal a decimal, so saving writes back what was read.
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {_kind_of(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {value!r}")
    return value


def _structure_words(value: Any, _: type) -> str | None:
    # A unit or basis of nothing but blanks would compare equal to no other and say nothing.
    if value is None:
        return None
    text = _structure_str(value, str)
    if not text.strip():
        raise ValueError("expected a non-empty text (or leave the key out)")
    return text


def _structure_tolerance(value: Any, _: type) -> float:
    try:
        return check_tolerance(value)
    except ValueError as exc:
        raise ValueError(f"{exc}{'' if not isinstance(value, str) else ' (a number, unquoted)'}"
                         ) from None


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


def _structure_as_of(value: Any, _: type) -> str:
    # `as_of = 2023-11-21` (a TOML date, unquoted) means what "2023-11-21" means; kept as text.
    if isinstance(value, _dt.time):
        raise TypeError("expected a date or a time such as \"2023-11-21\" or "
                        "\"2023-11-21T18:00+09:00\"; a time of day alone is no as-of")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return _structure_str(value, str)


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


@functools.cache
def _enum_hook(cls: type[enum.Enum]) -> Any:
    names = [str(member.value) for member in cls]
    choices = " | ".join(names)

    def structure(value: Any, _: type) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            hint = did_you_mean(value, names) if isinstance(value, str) else ""
            raise ValueError(f"expected one of {choices}, got {value!r}{hint}") from None

    return structure


def _structure_stances(value: Any, _: type) -> Mapping[str, Any]:
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


#: Model classes written as TOML tables.
_TABLES = (Stakeholder, Revision, Fact, Quantity, Property, CasebookSettings, Source, Claim,
           Excerpt, Expectation, Relation)


def _table_only(hook: Any) -> Any:
    # Without this, a string where a table belongs fails deep inside cattrs with a message about
    # types ("expected a value of type Fact | None").
    def structure(value: Any, type_: type) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected a table, got {_kind_of(value)}")
        return hook(value, type_)

    return structure


def _is_table_list(type_: Any) -> bool:
    args = get_args(type_)
    return (
        (get_origin(type_) is list and len(args) == 1)
        or (get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis)
    ) and args[0] in _TABLES


def _table_list_hook(type_: Any, conv: cattrs.Converter) -> Any:
    # cattrs would iterate a string as a list: `expect = "confirmed"` gave one error per letter.
    factory = list_structure_factory if get_origin(type_) is list else (
        homogenous_tuple_structure_factory)
    hooks: list[Any] = []  # made on first use, when every class hook is registered

    def structure(value: Any, _: type) -> Any:
        if not isinstance(value, list):
            raise TypeError(f"expected a list of tables, got {_kind_of(value)}")
        if not hooks:
            hooks.append(factory(type_, conv))
        return hooks[0](value, type_)

    return structure


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(When, _structure_when)
    conv.register_unstructure_hook(When, lambda w: w.text())  # a Bounded too
    conv.register_structure_hook_func(lambda t: t in (Due, Due | None), _structure_due)
    conv.register_unstructure_hook(DueIn, DueIn.text)
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
    conv.register_unstructure_hook(
        MappingProxyType, lambda m: {k: conv.unstructure(v) for k, v in m.items()})
    conv.register_unstructure_hook(Stances, lambda m: {k: v.value for k, v in m.items()})
    # Before the class hooks: they pick their fields' hooks when made.
    conv.register_structure_hook_factory(_is_table_list, lambda t: _table_list_hook(t, conv))
    conv.register_structure_hook(
        Excerpt,
        _table_only(make_dict_structure_fn(
            Excerpt, conv, source=override(omit=True),
            stances=override(struct_hook=_structure_stances),
        )),
    )
    conv.register_unstructure_hook(
        Excerpt,
        make_dict_unstructure_fn(
            Excerpt, conv, _cattrs_omit_if_default=True, source=override(omit=True)
        ),
    )
    conv.register_structure_hook(
        Expectation,
        _table_only(make_dict_structure_fn(
            Expectation, conv, status=override(struct_hook=_structure_status),
            as_of=override(struct_hook=_structure_as_of))),
    )
    conv.register_unstructure_hook(
        Expectation,
        make_dict_unstructure_fn(
            Expectation, conv, _cattrs_omit_if_default=True,
            status=override(unstruct_hook=lambda s: s[0] if len(s) == 1 else list(s)),
        ),
    )
    conv.register_structure_hook(
        Relation, _table_only(make_dict_structure_fn(Relation, conv, from_=override(rename="from")))
    )
    conv.register_unstructure_hook(
        Relation,
        make_dict_unstructure_fn(
            Relation, conv, _cattrs_omit_if_default=True, from_=override(rename="from")
        ),
    )
    number = override(struct_hook=_structure_number)
    conv.register_structure_hook(
        Quantity, _table_only(make_dict_structure_fn(
            Quantity, conv, amount=number, low=number, high=number,
            unit=override(struct_hook=_structure_words),
            basis=override(struct_hook=_structure_words))))
    conv.register_structure_hook(
        CasebookSettings, _table_only(make_dict_structure_fn(
            CasebookSettings, conv, tolerance=override(struct_hook=_structure_tolerance))))
    # Last: the hooks made here pick up the hooks of the tables they hold.
    for cls in (Stakeholder, Revision, Quantity, Fact, Property, CasebookSettings, Source, Claim):
        if cls not in (Quantity, CasebookSettings):
            conv.register_structure_hook(cls, _table_only(make_dict_structure_fn(cls, conv)))
        conv.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
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
