"""Frames: a predicate's trigger and two slots, in any order within a clause, as the pattern
rules they stand for (see rules/README.md, "Frames")."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

#: The orders a frame's parts may come in: s subject, t trigger, o object (or value).
FRAME_ORDERS = ("s t o", "o t s", "t s o", "t o s", "s o t", "o s t")
FRAME_KEYS = {"id", "description", "source", "trigger", "subject", "object", "value", "predicate",
               "orders", "reach", "time_role", "presupposition", "examples", "counterexamples",
               "subject_guard", "object_guard", "implicit_object", "implicit_subject", "gapped",
               "unit_stated"}


def frame_rule(frame: object, path: Path, text: str, locate: Callable[[str, str], tuple[int, int]],
               fail: Callable[..., Exception]) -> dict:
    """A ``[[frame]]`` as the ``[[rule]]`` it stands for.

    A frame names a predicate's trigger (a pattern fragment: "(capital | capital city)"), its
    subject and its object or value slot ("country:jurisdiction", "members:country+"), and the
    orders they may come in (default: all six); ``subject_guard`` and ``object_guard`` (``!( ... )``)
    say what may not follow a slot. It matches where the slots are the mentions
    nearest the trigger within its clause: between them only words of that clause (``~N`` gaps,
    ``reach`` words each, default 8), no other entity mention.
    """
    if not isinstance(frame, dict):
        raise fail("each [[frame]] must be a table", path, text, "frame")
    name = frame.get("id", "?")
    line, _ = locate(text, f'"{name}"')
    extra = sorted(set(frame) - FRAME_KEYS)
    if extra:
        raise fail(f"unknown key '{extra[0]}' in frame {name}", path, text, extra[0], line)
    value_key = "value" if "value" in frame else "object"
    for key in ("trigger", "subject", value_key, "predicate"):
        if not isinstance(frame.get(key), str) or not frame[key].strip():
            raise fail(f"frame {name} needs a '{key}'", path, text, "[[frame]]", line)
    slots = {}
    for key in ("subject", value_key):
        slot_name, _, slot_type = frame[key].partition(":")
        if not re.fullmatch(r"[A-Za-z_]\w*", slot_name) or not re.fullmatch(r"[a-z_]+\+?", slot_type):
            raise fail(f"frame {name}: '{key}' is NAME:TYPE (TYPE+ for a list), not {frame[key]!r}",
                        path, text, frame[key], line)
        slots[key] = (slot_name, slot_type)
    orders = frame.get("orders", list(FRAME_ORDERS))
    reach = frame.get("reach", 8)
    if not isinstance(orders, list) or not orders or any(o not in FRAME_ORDERS for o in orders):
        raise fail(f"frame {name}: 'orders' is a list of {', '.join(FRAME_ORDERS)}", path, text, "orders", line)
    if not isinstance(reach, int) or isinstance(reach, bool) or not 0 <= reach <= 30:
        raise fail(f"frame {name}: 'reach' is a number of words from 0 to 30", path, text, "reach", line)
    branches, assertions = [], []
    # a value counts only with the predicate's unit stated ("spans 11 time zones" is no area)
    stated = {"unit_stated": True} if frame.get("unit_stated") is True else {}
    if "unit_stated" in frame and not isinstance(frame["unit_stated"], bool):
        raise fail(f"frame {name}: 'unit_stated' is true or false", path, text, "unit_stated", line)

    def dated(other: str) -> dict:
        """A time value also dates its claim: "called X until 1996 and came into existence in 1969"."""
        return {"time": other} if slots[value_key][1] == "time" else {}

    for number, order in enumerate(orders, 1):
        subject, other = (f"{slots[k][0]}{number}" for k in ("subject", value_key))
        # A subject right after "which" or "whom" that comes first is the relative clause's, whose
        # object is the noun before it: "The bloc, which Malaysia helped found, was established in
        # 1967" is not about Malaysia.
        relative = "<!( which | whom ) " if order.startswith("s") else ""
        part = {"s": f"{relative}{{{subject}:{slots['subject'][1]}}} {frame.get('subject_guard', '')}",
                "o": f"{{{other}:{slots[value_key][1]}}} {frame.get('object_guard', '')}",
                "t": f"({frame['trigger']})"}
        branches.append(f" ~{reach} ".join(part[p] for p in order.split()))
        assertion = {"subject": subject, "predicate": frame["predicate"], value_key: other, **dated(other),
                     **stated}
        if "time_role" in frame:
            assertion["time_role"] = frame["time_role"]
        assertions.append(assertion)
    time_role = {"time_role": frame["time_role"]} if "time_role" in frame else {}
    subject_type, value_type = slots["subject"][1].rstrip("+"), slots[value_key][1]

    def extra(branch, **reads) -> None:
        """One more branch, ``branch(subject slot, other slot)``, and its assertion."""
        number = len(assertions) + 1
        subject, other = f"{slots['subject'][0]}{number}", f"{slots[value_key][0]}{number}"
        branches.append(branch(subject, other))
        assertions.append({"subject": subject, "predicate": frame["predicate"], value_key: other,
                           **reads, **time_role, **dated(other), **stated})

    if frame.get("implicit_object") and value_key == "object":
        # "Bulgaria and Romania joined in 2007": no object in the clause; the nearest one named
        # before stands in. The trigger may not be followed by an object or an article.
        object_type = value_type.rstrip("+")
        extra(lambda s, o: f"{{{s}:{slots['subject'][1]}}} {frame.get('subject_guard', '')} ~{reach} "
                           f"({frame['trigger']}) !( the | a | an | {{{object_type}}} ) [{{{o}:{object_type}}}]",
              object_from_text=True)
    if frame.get("implicit_subject"):
        # "Kuala Lumpur is the national capital": no subject in the clause; the one a description
        # would refer to stands in. The trigger may not be followed by "of" or a subject.
        extra(lambda s, o: f"<!( {{{subject_type}}} 's | of ) {{{o}:{value_type}}} "
                           f"(is | was | remains | became) the ({frame['trigger']}) "
                           f"!( of | {{{subject_type}}} | 's | city's ) [{{{s}:{subject_type}}}]",
              subject_from_text="before")
    if frame.get("gapped"):
        # "Malaysia shares a border with Thailand and maritime borders with Singapore": a second
        # trigger joined by "and" shares the subject of the first, the sentence's first one.
        extra(lambda s, o: f"(and | as well as) ~3 ({frame['trigger']}) ~{reach} "
                           f"{{{o}:{value_type}}} {frame.get('object_guard', '')} "
                           f"!( {{{subject_type}}} ) [{{{s}:{subject_type}}}]",
              subject_from_text="sentence")
    rule = {key: frame[key] for key in ("id", "description", "source", "presupposition", "examples",
                                        "counterexamples") if key in frame}
    rule["pattern"] = "(" + " | ".join(branches) + ")"
    rule["assert"] = assertions
    rule["_frame"] = True
    return rule


__all__ = ["FRAME_KEYS", "FRAME_ORDERS", "frame_rule"]
