from django import template

from .. import structured_data

register = template.Library()


def _absolute_crumbs(crumbs, site_url):
    return [(name, f"{site_url}{path}") for name, path in crumbs]


@register.simple_tag(takes_context=True)
def page_jsonld(context):
    """JSON-LD for an ordinary page: the firm as a LegalService and the page's breadcrumbs."""
    site_url = context["site_url"]
    crumbs = _absolute_crumbs(context.get("breadcrumbs") or [], site_url)
    return structured_data.page_graph(context["firm"], site_url, crumbs)


@register.simple_tag(takes_context=True)
def article_jsonld(context, article, references):
    """JSON-LD for an article page: MedicalWebPage, BreadcrumbList and the firm."""
    return structured_data.article_graph(article, references, context["firm"], context["site_url"])
