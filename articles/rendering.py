"""Markdown to safe HTML for article bodies.

Articles are rendered once, when they are saved (see ``Article.render_body``),
never on a request. The pipeline is Python-Markdown (tables, heading ids and a
table of contents, sane lists, fenced code, and our citation markers), then
nh3, which removes everything that is not on the allow-list below.
"""

import math
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import markdown
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

WORDS_PER_MINUTE = 200

# [@key] or [@key1; @key2]; keys are slugs (letters, digits, - and _).
CITATION_PATTERN = r"\[@([\w-]+(?:\s*;\s*@[\w-]+)*)\]"
CITE_KEY_ATTRIBUTE = "data-cite-key"

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "aria-label"},
    "abbr": {"title"},
    "code": {"class"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "img": {"src", "alt", "title", "width", "height"},
    "li": {"id"},
    "ol": {"start"},
    "sup": {"class"},
    "td": {"align"},
    "th": {"align", "scope"},
}
# Content of these tags is dropped, not just the tags.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")

_TABLE_OPEN = re.compile(r"<table>")
_EXTERNAL_LINK = re.compile(r'<a href="(https?://[^"]*)"')


class CitationError(ValidationError):
    pass


@dataclass
class RenderedBody:
    html: str
    toc: list
    reading_time: int
    text: str = ""  # the rendered body as plain text (for search snippets)
    citations: list = field(default_factory=list)  # [{"key": ..., "count": ...}] in order of first citation
    unknown_keys: list = field(default_factory=list)


class CitationInlineProcessor(InlineProcessor):
    """Marks [@a; @b] as a <sup>; CitationNumberer turns it into links in document order."""

    def handleMatch(self, m, data):
        sup = etree.Element("sup")
        sup.set("class", "citation")
        sup.set(CITE_KEY_ATTRIBUTE, " ".join(re.findall(r"@([\w-]+)", m.group(0))))
        sup.text = AtomicString(m.group(0))
        return sup, m.start(0), m.end(0)


class CitationNumberer(Treeprocessor):
    """Numbers citations in document order of first citation and links them to the list."""

    def __init__(self, md, known_keys):
        super().__init__(md)
        self.known_keys = known_keys

    def run(self, root):
        numbers, counts, unknown = {}, {}, []
        for sup in root.iter("sup"):
            keys = sup.attrib.pop(CITE_KEY_ATTRIBUTE, None)
            if keys is None:
                continue
            missing = [key for key in keys.split() if key not in self.known_keys]
            if missing:
                unknown.extend(key for key in missing if key not in unknown)
                continue  # left as the literal marker text
            sup.text = None
            for key in keys.split():
                number = numbers.setdefault(key, len(numbers) + 1)
                counts[key] = counts.get(key, 0) + 1
                link = etree.SubElement(sup, "a")
                link.set("href", f"#ref-{number}")
                link.set("id", f"cite-{number}-{counts[key]}")
                link.set("aria-label", _("Reference %(number)s") % {"number": number})
                link.text = f"[{number}]"
        self.md.citations = [{"key": key, "count": counts[key]} for key in numbers]
        self.md.unknown_citation_keys = unknown


class HeadingDemoter(Treeprocessor):
    """The page title is the only h1: when the body uses # headings, shift every heading down one level."""

    def run(self, root):
        headings = [el for el in root.iter() if el.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}]
        if not any(el.tag == "h1" for el in headings):
            return
        for el in headings:
            el.tag = f"h{min(int(el.tag[1]) + 1, 6)}"


class ArticleExtension(Extension):
    def __init__(self, known_keys, **kwargs):
        self.known_keys = set(known_keys)
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.citations, md.unknown_citation_keys = [], []  # an empty document runs no treeprocessor
        # Below backticks (190) so markers in code stay literal; above links (160).
        md.inlinePatterns.register(CitationInlineProcessor(CITATION_PATTERN, md), "citation", 175)
        # Treeprocessors run from high to low priority: inline (20), then these, then toc (5).
        md.treeprocessors.register(HeadingDemoter(md), "demote_headings", 30)
        md.treeprocessors.register(CitationNumberer(md, self.known_keys), "number_citations", 15)


def heading_slug(value, separator):
    """Heading ids that cannot collide with the ids of references and citations."""
    slug = slugify(value) or "section"
    if re.match(r"^(ref|cite)-\d", slug):
        slug = f"section-{slug}"
    return slug


def _flatten_toc(tokens):
    entries = []
    for token in tokens:
        entries.append({"id": token["id"], "title": token["name"], "level": token["level"]})
        entries.extend(_flatten_toc(token["children"]))
    return entries


def _filter_attribute(tag, attribute, value):
    if attribute in {"href", "src"}:
        squeezed = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
        if squeezed.startswith(DANGEROUS_SCHEMES):
            return None  # also "java script:", which nh3 would keep as a harmless relative URL
    # Images from other sites would be third-party requests (and the CSP blocks them).
    if tag == "img" and attribute == "src" and not (value.startswith("/") and not value.startswith("//")):
        return None
    if tag == "code" and attribute == "class":
        classes = [name for name in value.split() if re.fullmatch(r"language-[\w+-]+", name)]
        return " ".join(classes) or None
    if tag == "sup" and attribute == "class":
        return "citation" if value == "citation" else None
    if tag in {"td", "th"} and attribute == "align":
        return value if value in {"left", "right", "center"} else None
    return value


def sanitize(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def _site_host():
    return urlsplit(settings.SITE_URL).hostname or ""


def _mark_external_links(html):
    own_host = _site_host()

    def add_rel(match):
        if urlsplit(match.group(1)).hostname == own_host:
            return match.group(0)
        return f'{match.group(0)} rel="noopener noreferrer"'

    return _EXTERNAL_LINK.sub(add_rel, html)


def _wrap_tables(html):
    # A table wider than a phone scrolls inside its own focusable region, not the page.
    html = _TABLE_OPEN.sub(
        '<div class="table-wrap" role="region" aria-label="Table (scrolls sideways)" tabindex="0"><table>', html
    )
    return html.replace("</table>", "</table></div>")


def reading_time_minutes(text):
    words = len(re.findall(r"\w+", text))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def render_markdown(source, known_keys=(), *, strict=True):
    """Render article Markdown; unknown citation keys raise ValidationError when ``strict``."""
    md = markdown.Markdown(
        extensions=["tables", "toc", "sane_lists", "fenced_code", ArticleExtension(known_keys)],
        extension_configs={
            "tables": {"use_align_attribute": True},
            "toc": {"toc_depth": "2-3", "slugify": heading_slug},
        },
        output_format="html",
    )
    raw_html = md.convert(source or "")
    unknown = md.unknown_citation_keys
    if unknown and strict:
        raise CitationError(
            _("These citation markers name no reference of this article: %(keys)s. Add the reference below or fix the key.")
            % {"keys": ", ".join(f"[@{key}]" for key in unknown)},
            code="unknown_citation",
            params={"keys": unknown},
        )
    html = _wrap_tables(_mark_external_links(sanitize(raw_html)))
    toc = [entry for entry in _flatten_toc(md.toc_tokens) if entry["level"] in (2, 3)]
    text = " ".join(strip_tags(html).split())
    return RenderedBody(
        html=html,
        toc=toc,
        text=text,
        reading_time=reading_time_minutes(text),
        citations=md.citations,
        unknown_keys=unknown,
    )
