"""Resolution: what a claim's mentions denote, settled before it is judged.

Takes claims and the facts that can decide between a mention's candidates; gives new claims
(never edits the ones it is given). :mod:`.events`: an ambiguous event name ("the APEC summit")
is the candidate whose start date lies nearest the claim's time.
"""
