"""Site search over published articles.

PostgreSQL ranks with its full-text search (title weighted above summary above
body). Other databases (SQLite in development) rank with ``icontains``: a match
in the title counts more than one in the summary, which counts more than one in
the body.
"""

import re

from django.db import connections
from django.db.models import Case, F, IntegerField, Q, Value, When

from .models import Article

MAX_TERMS = 8
SNIPPET_LENGTH = 220
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 4, 2, 1


def search_terms(query):
    """The distinct words of a query (at most MAX_TERMS), lower-cased."""
    terms = []
    for word in re.findall(r"[\w'-]+", query.lower()):
        word = word.strip("'-")
        if word and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def search_articles(query, *, queryset=None):
    """Published articles matching every term of ``query``, best first."""
    queryset = Article.objects.published() if queryset is None else queryset
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return _postgres_search(queryset, query)
    return _simple_search(queryset, terms)


def _simple_search(queryset, terms):
    matches_all = Q()
    rank = Value(0)
    for term in terms:
        matches_all &= Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
        for field, weight in (("title", TITLE_WEIGHT), ("summary", SUMMARY_WEIGHT), ("body", BODY_WEIGHT)):
            rank = rank + Case(
                When(**{f"{field}__icontains": term}, then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return queryset.filter(matches_all).annotate(rank=rank).order_by("-rank", "-published_at", "-id")


def _postgres_search(queryset, query):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    search_query = SearchQuery(query, search_type="websearch", config="english")
    return (
        queryset.annotate(search=vector, rank=SearchRank(vector, search_query))
        .filter(search=search_query)
        .order_by(F("rank").desc(), "-published_at", "-id")
    )


def snippet_parts(article, terms, length=SNIPPET_LENGTH):
    """A short passage around the first match, as [(text, is_match), ...] for the template to mark up.

    Built from the plain text of the rendered body, stored when the article was
    saved, so no Markdown syntax shows, and returned as plain text parts so
    that nothing needs ``|safe``.
    """
    text = article.body_text
    lowered = text.lower()
    positions = [lowered.find(term) for term in terms if term in lowered]
    if not positions:
        return [(article.summary, False)]
    start = max(0, min(positions) - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < min(positions) else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > min(positions) else end
    passage = text[start:end]
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    parts, cursor = [], 0
    for match in pattern.finditer(passage):
        if match.start() > cursor:
            parts.append((passage[cursor:match.start()], False))
        parts.append((match.group(0), True))
        cursor = match.end()
    parts.append((passage[cursor:], False))
    if prefix:
        parts.insert(0, (prefix, False))
    if suffix:
        parts.append((suffix, False))
    return [part for part in parts if part[0]]
