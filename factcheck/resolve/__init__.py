"""Resolution: what a claim's mentions denote, settled before it is judged.

Takes claims and the facts that can decide between a mention's candidates; gives new claims
(never edits the ones it is given). :mod:`.events`: an ambiguous event name ("the APEC summit")
is the candidate whose start date lies nearest the claim's time; :mod:`.offices`: a bare title
is the office the person holds; :mod:`.objects`: an ambiguous object ("rupees") is the one
candidate the store links to the subject by the claim's predicate.
"""
