"""JSON-LD (schema.org) for search engines, built in Python and escaped for a <script> data block."""

import json

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def to_script_json(data):
    """JSON that cannot close or open a tag when placed inside <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return mark_safe(text)  # noqa: S308 - no <, > or & is left to open or close a tag


def absolute(site_url, path):
    return f"{site_url}{path}"


def person_data(person):
    data = {"@type": "Person", "name": person.name}
    if person.credentials:
        data["honorificSuffix"] = person.credentials
    if person.job_title:
        data["jobTitle"] = person.job_title
    if person.bio:
        data["description"] = person.bio
    return data


def legal_service_data(firm, site_url):
    return {
        "@type": "LegalService",
        "@id": f"{site_url}/#firm",
        "name": firm.name,
        "url": f"{site_url}/",
        "telephone": firm.phone_e164,
        "email": firm.email,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": firm.street_address,
            "addressLocality": firm.locality,
            "addressRegion": firm.region,
            "postalCode": firm.postal_code,
            "addressCountry": "US",
        },
        "openingHours": firm.hours,
    }


def breadcrumb_data(items):
    """``items``: [(name, absolute_url), ...] from the home page down to the current page."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def citation_data(reference):
    data = {
        "@type": "ScholarlyArticle",
        "name": reference.title,
        "author": reference.authors,
        "datePublished": str(reference.year),
        "isPartOf": {"@type": "Periodical", "name": reference.container},
    }
    if reference.doi:
        data["url"] = reference.doi_url
        data["sameAs"] = reference.doi_url
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": reference.doi}
    elif reference.url:
        data["url"] = reference.url
    return data


def article_data(article, references, site_url):
    url = absolute(site_url, article.get_absolute_url())
    modified = article.updated_on or timezone.localdate(article.modified_at)
    data = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "headline": article.title,
        "name": article.seo_title or article.title,
        "description": article.meta_description or article.summary,
        "inLanguage": "en-US",
        "author": person_data(article.author),
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": modified.isoformat(),
        "about": {"@type": "Thing", "name": article.topic.name},
        "publisher": {"@id": f"{site_url}/#firm"},
        "citation": [citation_data(entry.reference) for entry in references],
    }
    if article.medical_reviewer_id:
        data["reviewedBy"] = person_data(article.medical_reviewer)
    if article.reviewed_on:
        data["lastReviewed"] = article.reviewed_on.isoformat()
    if article.hero_image:
        data["image"] = absolute(site_url, article.hero_image.url)
    return {key: value for key, value in data.items() if value is not None}


def article_graph(article, references, firm, site_url):
    home = absolute(site_url, reverse("articles:home"))
    crumbs = [
        ("Home", home),
        (article.topic.name, absolute(site_url, article.topic.get_absolute_url())),
        (article.title, absolute(site_url, article.get_absolute_url())),
    ]
    return to_script_json(
        {
            "@context": "https://schema.org",
            "@graph": [
                article_data(article, references, site_url),
                breadcrumb_data(crumbs),
                legal_service_data(firm, site_url),
            ],
        }
    )


def page_graph(firm, site_url, crumbs=()):
    graph = [legal_service_data(firm, site_url)]
    if crumbs:
        graph.append(breadcrumb_data(crumbs))
    return to_script_json({"@context": "https://schema.org", "@graph": graph})
