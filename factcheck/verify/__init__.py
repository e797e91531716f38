"""Verification: each claim judged against the reference facts valid at the claim's time.

Takes a :class:`factcheck.model.Document`, a store and a rule set; gives a
:class:`factcheck.model.Verdict` per claim (see :class:`.verifier.Verifier`). Imports the
model, the rules and the store; never the extraction modules.
"""
