"""Stage: makeup — what a long-lived process keeps between builds of a page.

`printer watch` rebuilds after every save, and most saves change one story: the photo
arrangements, the box's plans and the headline's setting are the same as before. They are
kept here by what they are made from (the content's values, and the layout and font book
objects, which the build's own caches keep alive while their files are unchanged), so a
rebuild measures again only what changed. Values are pure functions of their keys.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
_KEPT: OrderedDict[Hashable, tuple[object, tuple[object, ...]]] = OrderedDict()
LIMIT = 256


def kept(key: Hashable, make: Callable[[], T], *alive: object) -> T:
    """The value made for `key` before in this process, else `make()` (and keep it). A key
    may name objects by `id`; pass them as `alive`, so no other object takes their id while
    the value is kept."""
    if key in _KEPT:
        _KEPT.move_to_end(key)
        return _KEPT[key][0]  # type: ignore[return-value]
    value = make()
    _KEPT[key] = (value, alive)
    if len(_KEPT) > LIMIT:
        _KEPT.popitem(last=False)
    return value
