import logging

from django.db import DatabaseError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.generic import FormView, TemplateView

from cerebral_info.models import FirmDetails

from . import services
from .consent import NO_RELATIONSHIP_STATEMENT, current_consent
from .forms import CaseReviewForm
from .http import client_ip, is_rate_limited, rate_limit_count
from .middleware import attribution_from_request
from .models import CaseReview

logger = logging.getLogger(__name__)

SESSION_ATTRIBUTION = "attribution"
SESSION_LAST_REFERENCE = "intake_last_reference"


class PrivateNoStoreMixin:
    """Pages with personal data: never kept by any cache."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
        return response


class CaseReviewView(PrivateNoStoreMixin, FormView):
    form_class = CaseReviewForm
    template_name = "intake/case_review_form.html"

    def dispatch(self, request, *args, **kwargs):
        attribution = getattr(request, "attribution", None) or attribution_from_request(request)
        request.attribution = attribution  # what the attribution cookie will record on a first visit
        # Only when absent: the first visit wins, and an unchanged session needs no database write.
        if request.session.get(SESSION_ATTRIBUTION) is None:
            request.session[SESSION_ATTRIBUTION] = attribution
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"source_article": self.request.GET.get("article", "")[:200]}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["consent_text"] = current_consent(firm_name=FirmDetails.load().name).text
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["no_relationship_statement"] = NO_RELATIONSHIP_STATEMENT
        return context

    def form_valid(self, form):
        request = self.request
        ip = client_ip(request)
        rate_limited = is_rate_limited(rate_limit_count(ip))
        spam_reason = form.spam_reason() or (CaseReview.SpamReason.RATE_LIMITED if rate_limited else "")
        attribution = dict(request.session.get(SESSION_ATTRIBUTION) or {})
        attribution["source_article"] = form.cleaned_data.get("source_article")
        meta = services.RequestMeta(
            ip=ip,
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            page_url=request.build_absolute_uri(),
            submitted_at=timezone.now(),
        )
        try:
            review = services.case_review_submit(
                form_data=form.cleaned_data, request_meta=meta, attribution=attribution, spam_reason=spam_reason
            )
        except DatabaseError:
            logger.exception("A case-review request could not be saved")
            return self.render_to_response(self.get_context_data(form=form, not_saved=True), status=503)
        if rate_limited:
            return self.render_to_response(self.get_context_data(form=form, rate_limited=True), status=429)
        if not spam_reason:
            request.session[SESSION_LAST_REFERENCE] = review.reference
        # Spam traps answer like a success, so that a bot learns nothing.
        return redirect(reverse("intake:thanks"))


class ThankYouView(PrivateNoStoreMixin, TemplateView):
    template_name = "intake/thank_you.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only the visitor's own request number, from their own session; never from the URL.
        context["reference"] = self.request.session.get(SESSION_LAST_REFERENCE, "")
        return context
