from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("case-review/", views.CaseReviewView.as_view(), name="case_review"),
    path("case-review/thank-you/", views.ThankYouView.as_view(), name="thanks"),
]
