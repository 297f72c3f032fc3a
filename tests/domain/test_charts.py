"""The trend chart's one layout, which the window's painter and the PDF's renderer both draw."""

from __future__ import annotations

from datetime import date, timedelta

from maturity_workshop.domain.charts import Box, Line, Marker, Text, TrendChart, layout, trend_chart
from maturity_workshop.domain.history import PracticeTrend, TrendPoint
from maturity_workshop.domain.workshop import Workshop


def measure(text: str, size: float, bold: bool) -> float:
    return len(text) * size * (0.6 if bold else 0.55)


def _workshop(i: int) -> Workshop:
    moment = date(2025, 1, 1) + timedelta(days=40 * i)
    from datetime import UTC, datetime

    now = datetime(2025, 1, 1, tzinfo=UTC)
    return Workshop(i + 1, 1, "Team", f"w{i}", moment, "", 0, "cd-maturity", "1.0", False, now, now)


def _chart(model, currents, targets) -> TrendChart:
    points = tuple(TrendPoint(_workshop(i), c, t) for i, (c, t) in enumerate(zip(currents, targets, strict=True)))
    return trend_chart(model, PracticeTrend("build-ci", model.practice("build-ci").name, points))


def test_a_gap_breaks_the_line_and_draws_no_level(model) -> None:
    chart = _chart(model, [0, None, 1, 2], [1, 1, None, 3])
    shapes = layout(chart, 400, 200, 10, measure)
    current_lines = [s for s in shapes if isinstance(s, Line) and s.role == "current"]
    assert [len(line.points) for line in current_lines] == [2]  # 1 → 2; the 0 stands alone
    assert len([s for s in shapes if isinstance(s, Marker) and s.role == "current"]) == 4 - 1 + 1  # 3 dots + legend
    target_lines = [s for s in shapes if isinstance(s, Line) and s.role == "target"]
    assert [len(line.points) for line in target_lines] == [2] and all(line.dashed for line in target_lines)


def test_higher_levels_are_drawn_higher(model) -> None:
    shapes = layout(_chart(model, [-1, 3], [None, None]), 400, 200, 10, measure)
    dots = [s for s in shapes if isinstance(s, Marker) and s.role == "current"][:2]
    assert dots[0].y > dots[1].y and dots[0].x < dots[1].x


def test_the_badge_shows_the_last_change(model) -> None:
    chart = _chart(model, [2, 1], [2, 2])
    assert chart.badge == "▼ \u22121" and "down 1 level" in chart.badge_words
    shapes = layout(chart, 400, 200, 10, measure)
    assert any(isinstance(s, Box) and s.role == "badge" for s in shapes)
    assert any(isinstance(s, Text) and s.role == "badge" and s.text == chart.badge for s in shapes)
    first = _chart(model, [2], [2])
    assert first.badge == "" and "first" in first.badge_words


def test_dates_never_overlap_and_the_last_is_always_shown(model) -> None:
    chart = _chart(model, list(range(-1, 3)) * 5, [None] * 20)
    shapes = layout(chart, 300, 160, 10, measure)
    dates = [s for s in shapes if isinstance(s, Text) and s.role == "axis" and s.text in chart.dates]
    assert dates[-1].text == chart.dates[-1]
    spans = sorted((s.x - measure(s.text, s.size, False) / 2, s.x + measure(s.text, s.size, False) / 2) for s in dates)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 <= left and right <= 300 for left, right in spans)
    assert 2 <= len(dates) < 20


def test_a_long_title_takes_two_lines_then_ends_with_an_ellipsis(model) -> None:
    chart = _chart(model, [0, 1], [1, 1])
    two = TrendChart("Release management & compliance", *list(chart.__dict__.values())[1:])
    lines = [s for s in layout(two, 150, 150, 10, measure) if isinstance(s, Text) and s.role == "title"]
    assert " ".join(line.text for line in lines) == "Release management & compliance" and len(lines) == 2
    long = TrendChart("A practice with a very long name indeed " * 3, *list(chart.__dict__.values())[1:])
    lines = [s for s in layout(long, 200, 150, 10, measure) if isinstance(s, Text) and s.role == "title"]
    assert len(lines) == 2 and lines[-1].text.endswith("…")
    assert all(measure(line.text, line.size, True) <= 200 for line in lines)


def test_the_badge_goes_below_a_name_it_does_not_fit_beside(model) -> None:
    chart = _chart(model, [0, None], [1, 1])  # "last time 0, now –"
    named = TrendChart("Data management", *list(chart.__dict__.values())[1:])
    shapes = layout(named, 150, 150, 10, measure)
    [title] = [s for s in shapes if isinstance(s, Text) and s.role == "title"]
    [badge] = [s for s in shapes if isinstance(s, Text) and s.role == "badge"]
    assert title.text == "Data management" and badge.y > title.y


def test_a_box_too_small_still_gives_the_title_and_no_plot(model) -> None:
    shapes = layout(_chart(model, [0, 1], [1, 1]), 60, 30, 10, measure)
    assert any(isinstance(s, Text) and s.role == "title" for s in shapes)
    assert not any(isinstance(s, Line) and s.role in ("grid", "current") for s in shapes)
    assert any(isinstance(s, Line) and s.role == "grid" for s in layout(_chart(model, [0, 1], [1, 1]), 300, 150, 10, measure))


def test_charts_side_by_side_line_up_when_given_the_same_heading_lines(model) -> None:
    from maturity_workshop.domain.charts import heading_lines

    chart = _chart(model, [0, 1], [1, 1])
    short = TrendChart("Testing", *list(chart.__dict__.values())[1:])
    long = TrendChart("Release management & compliance", *list(chart.__dict__.values())[1:])
    lines = max(heading_lines(c, 150, 10, measure) for c in (short, long))
    assert lines == 2  # two lines of name, the badge beside the second

    def top_grid(c: TrendChart, reserve: int | None) -> float:
        return min(s.points[0][1] for s in layout(c, 150, 200, 10, measure, reserve) if isinstance(s, Line) and s.role == "grid")

    assert top_grid(short, None) < top_grid(long, None)
    assert top_grid(short, lines) == top_grid(long, lines)


def test_a_title_too_long_to_share_its_line_puts_the_badge_below_it(model) -> None:
    chart = _chart(model, [0, 1], [1, 1])  # "Build management & CI", badge "▲ +1"
    title_width = measure(chart.title, 11, True)
    narrow = title_width + measure(chart.badge, 10, True) / 2  # room for the title, not for both
    shapes = layout(chart, narrow, 200, 10, measure)
    [title] = [s for s in shapes if isinstance(s, Text) and s.role == "title"]
    [badge] = [s for s in shapes if isinstance(s, Text) and s.role == "badge"]
    [box] = [s for s in shapes if isinstance(s, Box)]
    assert title.text == chart.title and badge.y > title.y and box.y >= title.y
    grid_tops = [min(y for _, y in s.points) for s in shapes if isinstance(s, Line) and s.role == "grid"]
    assert min(grid_tops) > box.y + box.height  # the plot starts under the badge
    wide = layout(chart, 400, 200, 10, measure)
    assert [s.y for s in wide if isinstance(s, Text) and s.role == "badge"] == [title.y]  # room: one line


def test_a_practice_never_rated_says_so_between_the_lines(model) -> None:
    shapes = layout(_chart(model, [None, None], [None, None]), 400, 200, 10, measure)
    [empty] = [s for s in shapes if isinstance(s, Text) and s.role == "empty"]
    assert "not rated" in empty.text
    grid_ys = [s.points[0][1] for s in shapes if isinstance(s, Line) and s.role == "grid"]
    assert all(abs(empty.y - empty.size * 0.35 - y) > empty.size / 2 for y in grid_ys)
    rated = layout(_chart(model, [None, 1], [None, None]), 400, 200, 10, measure)
    assert not any(isinstance(s, Text) and s.role == "empty" for s in rated)
