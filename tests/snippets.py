"""Claim-file snippets that more than one test folder writes into a casebook."""

#: Two claims without excerpts that supersede each other: one error (the cycle), two warnings.
CYCLE = """
[[claims]]
id = "first-story"
kind = "event"
text = "A first story."
subjects = ["openai"]
claimant = "openai"

[[claims]]
id = "second-story"
kind = "event"
text = "A second story."
subjects = ["openai"]
claimant = "openai"

[[relations]]
kind = "supersedes"
from = "first-story"
to = "second-story"

[[relations]]
kind = "supersedes"
from = "second-story"
to = "first-story"
"""

#: A claim without excerpts: a warning only.
LONELY = """
[[claims]]
id = "lonely-story"
kind = "event"
text = "A story nobody reported."
subjects = ["openai"]
claimant = "openai"
"""
