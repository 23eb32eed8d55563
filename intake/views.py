# Placeholder views; replaced by the intake implementation.
from django.views.generic import TemplateView


class CaseReviewView(TemplateView):
    template_name = "intake/case_review_form.html"


class ThankYouView(TemplateView):
    template_name = "intake/thank_you.html"
