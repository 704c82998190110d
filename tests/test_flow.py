"""Story flow through columns: keep rules, blank lines above banners, the least capacity,
on pure line arithmetic."""

from __future__ import annotations

from printer.makeup.flow import FlowItem, flow, least_capacity


def paragraph(number: int, count: int) -> list[FlowItem]:
    return [FlowItem("line", 1, number, i, count) for i in range(count)]


def banner(height: int = 2) -> FlowItem:
    return FlowItem("banner", height, keep_next=2)


def heights(items: list[FlowItem], columns: tuple[range, ...]) -> list[int]:
    return [sum(items[i].height for i in column) for column in columns]


def test_lines_fill_frames_in_order() -> None:
    items = paragraph(0, 25)
    result = flow(items, [10, 10, 10])
    assert heights(items, result.columns) == [10, 10, 5]
    assert not result.overset


def test_banner_never_ends_a_column() -> None:
    # 8 lines, then a 2-line banner would end the 10-line column: it moves down with its text.
    items = [*paragraph(0, 8), banner(), *paragraph(1, 6)]
    result = flow(items, [10, 10])
    assert result.columns[0] == range(8)
    assert items[result.columns[1][0]].kind == "banner"


def test_banner_keeps_two_lines_of_its_text() -> None:
    # Banner at lines 7-8 would leave only one line of its text in the column.
    items = [*paragraph(0, 7), banner(), *paragraph(1, 6)]
    result = flow(items, [10, 10])
    last = result.columns[0][-1]
    assert items[last].kind == "line" and items[last].paragraph == 0


def test_no_orphan_first_line_at_a_column_foot() -> None:
    items = [*paragraph(0, 9), *paragraph(1, 5)]
    result = flow(items, [10, 10])
    assert heights(items, result.columns) == [9, 5]


def test_no_widow_last_line_at_a_column_top() -> None:
    items = [*paragraph(0, 4), *paragraph(1, 7)]  # 4 + 6 fill the column, 1 line would be a widow
    result = flow(items, [10, 10])
    assert heights(items, result.columns) == [9, 2]


def test_byline_stays_with_the_last_line() -> None:
    items = [*paragraph(0, 12), FlowItem("byline", 1)]
    result = flow(items, [12, 12])
    # The byline takes the last line with it, and that line takes one more (no widow).
    assert heights(items, result.columns) == [10, 3]


def test_overset_is_what_does_not_fit() -> None:
    items = paragraph(0, 30)
    result = flow(items, [10, 10])
    assert result.overset and result.placed == 20


def test_used_lines_are_reported_per_column() -> None:
    items = [*paragraph(0, 8), banner(), *paragraph(1, 6)]
    result = flow(items, [10, 10])
    assert result.used == (8, 8)


def test_blank_lines_go_above_a_banner_inside_a_column() -> None:
    items = [*paragraph(0, 3), banner(), *paragraph(1, 4)]
    spaces = [0] * len(items)
    spaces[3] = 2
    result = flow(items, [20], spaces)
    assert result.used == (3 + 2 + 2 + 4,)


def test_blank_lines_above_a_banner_at_a_column_top_are_dropped() -> None:
    items = [*paragraph(0, 10), banner(), *paragraph(1, 4)]
    spaces = [0] * len(items)
    spaces[10] = 2
    result = flow(items, [10, 10], spaces)
    assert result.columns[1][0] == 10 and result.used == (10, 6)


def test_least_capacity_balances_a_short_story() -> None:
    items = [*paragraph(0, 10), *paragraph(1, 11)]
    capacity = least_capacity(items, 3, 20)
    assert capacity == 7
    column_heights = heights(items, flow(items, [7, 7, 7]).columns)
    assert sum(column_heights) == 21 and max(column_heights) == 7


def test_least_capacity_respects_keep_rules() -> None:
    items = [*paragraph(0, 6), banner(), *paragraph(1, 6), banner(), *paragraph(2, 6)]
    capacity = least_capacity(items, 2, 30)
    assert capacity is not None
    result = flow(items, [capacity] * 2)
    assert not result.overset
    for column in result.columns:
        assert items[column[-1]].kind != "banner"
    assert flow(items, [capacity - 1] * 2).overset  # one line less does not take it


def test_least_capacity_is_none_when_nothing_fits() -> None:
    assert least_capacity(paragraph(0, 30), 2, 10) is None
