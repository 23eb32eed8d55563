import re

import pytest
from django.core.exceptions import ValidationError

from articles.rendering import reading_time_minutes, render_markdown

ATTACKS = {
    "script": "Hello <script>alert('x')</script> world",
    "img onerror": '<img src="/x.png" onerror="alert(1)">',
    "javascript link (markdown)": "[click me](javascript:alert(1))",
    "javascript link (html)": '<a href="JaVaScRiPt:alert(1)">click</a>',
    "vbscript link": '<a href="vbscript:msgbox(1)">click</a>',
    "style tag": "<style>body { display: none }</style>text",
    "style attribute": '<p style="position:fixed">text</p>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "svg onload": '<svg onload="alert(1)"><circle r="4"/></svg>',
    "data url link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data url image": "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    "event handler on link": '<a href="/ok" onclick="alert(1)" onmouseover="alert(2)">ok</a>',
    "object": '<object data="/evil.swf"></object>',
    "form": '<form action="https://evil.example/"><input name="card"></form>',
}


@pytest.mark.parametrize("source", ATTACKS.values(), ids=ATTACKS.keys())
def test_dangerous_markup_in_markdown_is_neutralized(source):
    html = render_markdown(source).html.lower()

    for forbidden in ("<script", "<style", "<iframe", "<svg", "<object", "<form", "<input", "style="):
        assert forbidden not in html
    assert not re.search(r"\son\w+\s*=", html), html
    for scheme in ("javascript:", "vbscript:", "data:"):
        assert scheme not in html


def test_script_content_is_removed_not_shown_as_text():
    html = render_markdown("Hello <script>alert('x')</script> world").html

    assert "alert" not in html
    assert "Hello" in html and "world" in html


def test_images_from_other_sites_are_dropped_but_local_images_stay():
    html = render_markdown("![Chart](https://tracker.example/pixel.gif) ![Local](/media/chart.png)").html

    assert "tracker.example" not in html
    assert '<img alt="Local" src="/media/chart.png">' in html


def test_links_to_other_sites_get_noopener_noreferrer_and_local_links_do_not():
    html = render_markdown("[CDC](https://www.cdc.gov/cp/) and [our list](/articles/)").html

    assert '<a href="https://www.cdc.gov/cp/" rel="noopener noreferrer">CDC</a>' in html
    assert '<a href="/articles/">our list</a>' in html


def test_editors_cannot_set_their_own_rel_or_target():
    html = render_markdown('<a href="https://x.example/" rel="opener" target="_blank">x</a>').html

    assert 'rel="noopener noreferrer"' in html
    assert "opener\"" not in html.replace('rel="noopener noreferrer"', "")
    assert "target" not in html


def test_headings_get_ids_and_h2_h3_feed_the_table_of_contents():
    rendered = render_markdown("## Types of CP\n\n### Spastic CP\n\n#### Detail\n\nText")

    assert '<h2 id="types-of-cp">Types of CP</h2>' in rendered.html
    assert '<h4 id="detail">' in rendered.html
    assert rendered.toc == [
        {"id": "types-of-cp", "title": "Types of CP", "level": 2},
        {"id": "spastic-cp", "title": "Spastic CP", "level": 3},
    ]


def test_h1_headings_written_by_an_editor_are_demoted_so_the_title_stays_the_only_h1():
    rendered = render_markdown("# Overview\n\n## Detail\n\nText")

    assert "<h1" not in rendered.html
    assert '<h2 id="overview">Overview</h2>' in rendered.html
    assert '<h3 id="detail">Detail</h3>' in rendered.html
    assert [entry["level"] for entry in rendered.toc] == [2, 3]


def test_heading_ids_never_collide_with_reference_ids():
    html = render_markdown("## Ref 1\n\ntext").html

    assert 'id="ref-1"' not in html


def test_tables_have_header_cells_and_scroll_inside_a_focusable_wrapper():
    html = render_markdown("| Level | Meaning |\n|---|---|\n| I | Walks without limits |").html

    assert '<div class="table-wrap" role="region"' in html
    assert 'tabindex="0"><table>' in html
    assert "</table></div>" in html
    assert "<th>Level</th>" in html


def test_fenced_code_and_sane_lists_are_supported():
    html = render_markdown("```python\nprint('[@notacitation]')\n```\n\n1. one\n2. two").html

    assert '<code class="language-python">' in html
    assert "[@notacitation]" in html
    assert "<ol>" in html


def test_citations_are_numbered_in_order_of_first_citation_with_unique_ids():
    rendered = render_markdown("First [@b]. Then [@a; @b]. Again [@a].", {"a", "b", "c"})

    links = re.findall(r'<a aria-label="Reference (\d+)" href="#ref-(\d+)" id="(cite-\d+-\d+)">\[(\d+)\]</a>', rendered.html)
    assert [link[2] for link in links] == ["cite-1-1", "cite-2-1", "cite-1-2", "cite-2-2"]
    assert all(label == target == shown for label, target, _id, shown in links)
    assert rendered.citations == [{"key": "b", "count": 2}, {"key": "a", "count": 2}]
    assert '<sup class="citation">' in rendered.html


def test_citation_markers_inside_code_are_left_alone():
    rendered = render_markdown("Write `[@key]` to cite.", set())

    assert "<code>[@key]</code>" in rendered.html


def test_an_unknown_citation_marker_raises_a_validation_error_naming_it():
    with pytest.raises(ValidationError) as excinfo:
        render_markdown("Known [@a], unknown [@missing; @a] and [@other].", {"a"})

    message = " ".join(excinfo.value.messages)
    assert "[@missing]" in message and "[@other]" in message
    assert excinfo.value.error_list[0].code == "unknown_citation"


def test_lenient_rendering_shows_an_unknown_marker_as_text_not_as_a_broken_link():
    rendered = render_markdown("See [@missing].", set(), strict=False)

    assert "[@missing]" in rendered.html
    assert "#ref-" not in rendered.html
    assert rendered.unknown_keys == ["missing"]


def test_reading_time_is_about_two_hundred_words_a_minute_and_at_least_one():
    assert reading_time_minutes("word " * 10) == 1
    assert reading_time_minutes("word " * 401) == 3
    assert render_markdown("word " * 1000).reading_time == 5


@pytest.mark.parametrize("source", ["", "   ", "\n\n"])
def test_an_empty_body_renders_to_nothing_without_errors(source):
    rendered = render_markdown(source, set())

    assert rendered.html == ""
    assert rendered.toc == [] and rendered.citations == []
    assert rendered.reading_time == 1


def test_a_whitespace_obfuscated_javascript_url_is_removed():
    html = render_markdown("[x]( java\tscript:alert(1))\n\n<a href=' java&#x09;script:alert(1)'>y</a>").html

    assert "script:" not in html
    assert "href" not in html
