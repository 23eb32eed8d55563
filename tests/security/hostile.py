"""Hypothesis strategies for hostile text: arbitrary Unicode, control characters, NUL, very long input, payloads."""

from hypothesis import strategies as st

PAYLOADS = [
    "<script>alert(1)</script>",
    "<ScRiPt src=//evil.example/x.js></ScRiPt>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "javascript:alert(document.cookie)",
    "JaVaScRiPt&colon;alert(1)",
    " java\tscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    "{{ request.META }}{% debug %}",
    "=HYPERLINK(\"https://evil.example\",\"click\")",
    "' OR 1=1 --",
    "\r\nBcc: victim@example.com\r\n",
    "\u202eevil\u202c",
    "\ufeff\u200b\u200d",
    "Z\u0337\u0322a\u0335l\u0336g\u0337o\u0338",
    "\U0001d573\U0001d58a\U0001d591\U0001d591\U0001d594 \U0001f476",
    "\x00",
    "a\x00b",
    "\x1b[31mred\x1b[0m",
    "&lt;script&gt;",
    "%3Cscript%3E",
]

control_text = st.text(
    alphabet=st.characters(categories=("Cc", "Cf", "Zs", "Zl", "Zp", "Mn")), min_size=1, max_size=40
)

hostile_text = st.one_of(
    st.text(max_size=300),
    control_text,
    st.sampled_from(PAYLOADS),
    st.tuples(st.text(max_size=40), st.sampled_from(PAYLOADS), st.text(max_size=40)).map("".join),
    st.builds(lambda size, payload: "A" * size + payload, st.integers(100, 12000), st.sampled_from(PAYLOADS)),
)
