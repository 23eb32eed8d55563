"""The consent wording shown next to the checkbox on the case-review form.

Change the wording only together with a new ``CONSENT_VERSION``: every
request stores the exact text its sender saw, its version and its SHA-256,
so a later dispute can be answered from the record alone.
"""

import hashlib
from dataclasses import dataclass

CONSENT_VERSION = "2026-01"

CONSENT_TEMPLATE = (
    "I agree that {firm_name} may contact me about my case review, including by phone call or text "
    "message, at the number and email I gave above. Message and data rates may apply. Consent is not "
    "a condition of any service, and I can withdraw it at any time."
)

NO_RELATIONSHIP_STATEMENT = (
    "Submitting this form does not create an attorney-client relationship. "
    "Please do not send confidential documents until an attorney has agreed to represent you."
)


@dataclass(frozen=True)
class ConsentWording:
    version: str
    text: str

    @property
    def sha256(self):
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def current_consent(*, firm_name: str) -> ConsentWording:
    return ConsentWording(version=CONSENT_VERSION, text=CONSENT_TEMPLATE.format(firm_name=firm_name))
