"""Reads for the intake admin: the report page."""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone

from .models import CaseReview

CHART_WIDTH = 720
CHART_HEIGHT = 260
CHART_MARGIN = {"top": 20, "right": 10, "bottom": 50, "left": 40}


@dataclass
class Report:
    start: date
    end: date
    total: int
    spam: int
    weeks: list = field(default_factory=list)  # (week start, count)
    by_status: list = field(default_factory=list)  # (label, count)
    by_article: list = field(default_factory=list)  # (title or None, count)
    median_first_contact: timedelta | None = None
    contacted: int = 0
    chart: dict = field(default_factory=dict)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def format_duration(value: timedelta | None) -> str:
    if value is None:
        return "no contacted requests in this range"
    minutes = int(value.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d"] if days else []
    if hours or days:
        parts.append(f"{hours} h")
    parts.append(f"{minutes} min")
    return " ".join(parts)


def bar_chart(weeks):
    """Geometry of a server-rendered SVG bar chart for (week, count) pairs."""
    plot_width = CHART_WIDTH - CHART_MARGIN["left"] - CHART_MARGIN["right"]
    plot_height = CHART_HEIGHT - CHART_MARGIN["top"] - CHART_MARGIN["bottom"]
    highest = max([count for _week, count in weeks] + [1])
    slot = plot_width / max(len(weeks), 1)
    label_every = max(1, len(weeks) // 12)
    bars = []
    for index, (week, count) in enumerate(weeks):
        height = plot_height * count / highest
        x = CHART_MARGIN["left"] + index * slot
        bars.append({
            "week": week,
            "count": count,
            "x": round(x + slot * 0.1, 1),
            "width": round(slot * 0.8, 1),
            "y": round(CHART_MARGIN["top"] + plot_height - height, 1),
            "height": round(height, 1),
            "label_x": round(x + slot / 2, 1),
            "show_label": index % label_every == 0,
        })
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "bars": bars,
        "axis_y": CHART_MARGIN["top"] + plot_height,
        "axis_x1": CHART_MARGIN["left"],
        "axis_x2": CHART_WIDTH - CHART_MARGIN["right"],
        "label_y": CHART_MARGIN["top"] + plot_height + 18,
        "max": highest,
        "max_y": CHART_MARGIN["top"] + 4,
    }


def case_review_report(*, start: date, end: date) -> Report:
    tz = timezone.get_current_timezone()
    start_at = datetime.combine(start, time.min, tzinfo=tz)
    end_at = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    in_range = CaseReview.objects.filter(created_at__gte=start_at, created_at__lt=end_at)
    real = in_range.not_spam()

    counts = {
        row["week"].date() if isinstance(row["week"], datetime) else row["week"]: row["n"]
        for row in real.annotate(week=TruncWeek("created_at", tzinfo=tz)).values("week").annotate(n=Count("id"))
    }
    weeks, day = [], week_start(start)
    while day <= end:
        weeks.append((day, counts.get(day, 0)))
        day += timedelta(days=7)

    labels = dict(CaseReview.Status.choices)
    by_status = [
        (labels.get(row["status"], row["status"]), row["n"])
        for row in in_range.values("status").annotate(n=Count("id")).order_by("-n", "status")
    ]
    by_article = [
        (row["source_article__title"], row["n"])
        for row in real.values("source_article__title").annotate(n=Count("id")).order_by("-n", "source_article__title")
    ]
    waits = [
        contacted - created
        for created, contacted in real.filter(first_contacted_at__isnull=False).values_list(
            "created_at", "first_contacted_at"
        )
    ]
    spam = sum(count for label, count in by_status if label == labels[CaseReview.Status.SPAM])
    return Report(
        start=start,
        end=end,
        total=sum(count for _week, count in weeks),
        spam=spam,
        weeks=weeks,
        by_status=by_status,
        by_article=by_article,
        median_first_contact=statistics.median(waits) if waits else None,
        contacted=len(waits),
        chart=bar_chart(weeks),
    )
