"""Where each finding stands in the school's social media policy.

Section names follow the school's policy document (shared with staff); the
`policy` field of every finding is one of these strings.
"""

IDENTIFIABLE = (
    "Social Media Policy, Appendix A (Contributors and moderation of content): "
    "pupils must not be able to be identified."
)
CONSENT_LIST = (
    "Social Media Policy, Appendix B (consent): consent is gained for pupils and "
    "pupils without consent must not be named or pictured."
)
PERSONAL_INFO = (
    "Social Media Policy, section 5 (Principles): do not discuss personal "
    "information about pupils, staff or other people."
)
CONTACT_DETAILS = (
    "Social Media Policy, section 6 and Appendix A (Content): never give out home "
    "addresses, telephone numbers or other contact details."
)
SENSITIVE = (
    "Social Media Policy, section 3 (Legal framework) and Appendix A (Children and "
    "young people): health and special educational needs are confidential, "
    "person-identifiable information."
)
SAFEGUARDING = (
    "Social Media Policy, section 7 and Appendix A (Children and young people): act "
    "in the best interests of children; do not say where pupils will be in advance."
)
