"""Stage: workflow — the change report between two builds of a page.

`compare(old, new)` is a pure function of two `PageSummary`s: which stories changed and how
many lines they have before and after, how overset and underset changed, which article columns
moved (lines whose text or baseline changed), and which other findings (loose lines, copyfit,
photo resolution…) appeared or went away.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from printer.workflow.summary import FindingSummary, PageSummary

FIT_KINDS = ("overset", "underset")


@dataclass(frozen=True)
class StoryChange:
    name: str
    lines_before: int | None  # None: the story is new
    lines_after: int | None  # None: the story went away
    text_changed: bool

    @property
    def delta(self) -> int:
        return (self.lines_after or 0) - (self.lines_before or 0)

    def describe(self) -> str:
        if self.lines_before is None:
            return f"{self.name}: new, {self.lines_after} lines"
        if self.lines_after is None:
            return f"{self.name}: gone (had {self.lines_before} lines)"
        what = "text changed, " if self.text_changed else "moved, "
        return f"{self.name}: {what}{self.lines_before} → {self.lines_after} lines " \
               f"({self.delta:+d})"


@dataclass(frozen=True)
class ColumnChange:
    name: str
    first_line: int  # 1-based line of the column where the first change is
    lines_changed: int
    lines_before: int
    lines_after: int

    def describe(self) -> str:
        return f"{self.name}: {self.lines_changed} lines changed from line {self.first_line} " \
               f"({self.lines_before} → {self.lines_after} lines)"


@dataclass(frozen=True)
class ChangeReport:
    stories: tuple[StoryChange, ...] = ()
    fit: tuple[str, ...] = ()  # overset/underset changes, described
    columns: tuple[ColumnChange, ...] = ()
    appeared: tuple[FindingSummary, ...] = ()  # findings other than overset and underset
    went_away: tuple[FindingSummary, ...] = ()

    @property
    def unchanged(self) -> bool:
        return not (self.stories or self.fit or self.columns or self.appeared or self.went_away)

    def story(self, name: str) -> StoryChange | None:
        return next((change for change in self.stories if change.name == name), None)

    def lines(self) -> list[str]:
        """The report as lines of text for a terminal."""
        if self.unchanged:
            return ["no change on the page"]
        out = [f"changed {change.describe()}" for change in self.stories]
        out += [f"fit {text}" for text in self.fit]
        out += [f"column {change.describe()}" for change in self.columns]
        out += [f"new {finding.describe()}" for finding in self.appeared]
        out += [f"gone {finding.describe()}" for finding in self.went_away]
        return out


def compare(old: PageSummary, new: PageSummary) -> ChangeReport:
    """What changed from `old` to `new`."""
    return ChangeReport(
        stories=_stories(old, new),
        fit=_fit(old.findings, new.findings),
        columns=_columns(old, new),
        appeared=tuple(f for f in new.findings
                       if f not in old.findings and f.kind not in FIT_KINDS),
        went_away=tuple(f for f in old.findings
                        if f not in new.findings and f.kind not in FIT_KINDS),
    )


def _stories(old: PageSummary, new: PageSummary) -> tuple[StoryChange, ...]:
    changes = []
    for name in sorted(old.stories.keys() | new.stories.keys()):
        before, after = old.stories.get(name), new.stories.get(name)
        if before == after:
            continue
        changes.append(StoryChange(
            name,
            before.lines if before else None,
            after.lines if after else None,
            before is None or after is None or before.digest != after.digest,
        ))
    return tuple(changes)


def _fit_by_element(findings: tuple[FindingSummary, ...]) -> dict[str, tuple[str, int]]:
    return {f.element: (f.kind, f.lines) for f in findings if f.kind in FIT_KINDS}


def _fit(old: tuple[FindingSummary, ...], new: tuple[FindingSummary, ...]) -> tuple[str, ...]:
    before, after = _fit_by_element(old), _fit_by_element(new)
    out = []
    for element in sorted(before.keys() | after.keys()):
        was, now = before.get(element), after.get(element)
        if was == now:
            continue
        if now is None:
            assert was is not None
            out.append(f"{element}: no longer {was[0]} (was {was[1]} lines)")
        elif was is None:
            out.append(f"{element}: now {now[0]} by {now[1]} lines")
        elif was[0] == now[0]:
            out.append(f"{element}: {now[0]} {was[1]} → {now[1]} lines")
        else:
            out.append(f"{element}: {was[0]} by {was[1]} → {now[0]} by {now[1]} lines")
    return tuple(out)


def _columns(old: PageSummary, new: PageSummary) -> tuple[ColumnChange, ...]:
    changes = []
    for name in sorted(old.columns.keys() | new.columns.keys()):
        before, after = old.columns.get(name, ()), new.columns.get(name, ())
        differing = [index for index, (a, b) in enumerate(zip_longest(before, after)) if a != b]
        if differing:
            changes.append(ColumnChange(name, differing[0] + 1, len(differing),
                                        len(before), len(after)))
    return tuple(changes)
