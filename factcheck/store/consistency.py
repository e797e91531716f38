"""What the facts of a store say against the meaning of their predicates.

``check_consistency(store, predicates)`` complements :meth:`Store.check` (which looks at the
storage and its references) with what only the rule packs know: a fact whose subject is its
own object ("xi-jinping holds_office xi-jinping"), a subject or object of a type the predicate
does not take (a person as the object of ``holds_office``), and facts of a transitive predicate
(``located_in``) that go round in a circle (a city in a region in that city). A fact about
itself and a circle are errors (the verifier would reason from them as if they were true); a
type the predicate does not list is a warning (rule packs list the usual types, and a square
or a neighbourhood typed "other" may well lie in a city), and so is a name or alias two
entities of one type share: likely duplicates (a pull that created ``peoples-republic-of-china``
beside ``china``), and a name the checker can no longer settle.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from sqlalchemy import select

from factcheck.store.database import Store
from factcheck.store.schema import ALIASES, ENTITIES, EXTERNAL, FACTS

class Signature(Protocol):
    """What a predicate takes (a :class:`factcheck.rules.loader.PredicateSpec` has these)."""

    kind: str
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]


def check_consistency(store: Store, predicates: Mapping[str, Signature]) -> dict[str, list[str]]:
    """The store's facts checked against ``predicates``: ``{"errors": [...], "warnings": [...]}``,
    one line per problem."""
    from factcheck.rules.patterns import SLOT_TYPES

    def accepted(types: tuple[str, ...]) -> set[str] | None:
        if not types:
            return None                     # the predicate says nothing: anything goes
        return {kind for name in types for kind in SLOT_TYPES.get(name, {name})}

    with store._read() as conn:
        types = dict(conn.execute(select(ENTITIES.c.id, ENTITIES.c.type)).all())
        facts = conn.execute(select(FACTS.c.id, FACTS.c.subject_id, FACTS.c.predicate,
                                    FACTS.c.object_id, FACTS.c.rank).order_by(FACTS.c.id)).all()
        names = [*conn.execute(select(ENTITIES.c.id, ENTITIES.c.name)).all(),
                 *conn.execute(select(ALIASES.c.entity_id, ALIASES.c.text).where(ALIASES.c.kind == "alias")).all()]
        external = conn.execute(select(ALIASES.c.text, ALIASES.c.entity_id).where(ALIASES.c.kind == EXTERNAL)
                                .order_by(ALIASES.c.text, ALIASES.c.entity_id)).all()
    problems: list[str] = []
    warnings: list[str] = []
    edges: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for fact_id, subject, predicate, obj, rank in facts:
        if obj is not None and obj == subject:
            problems.append(f"fact #{fact_id}: '{subject}' {predicate} itself")
        spec = predicates.get(predicate)
        for role, entity, allowed in (
                ("subject", subject, accepted(spec.subject_types) if spec else None),
                ("object", obj, accepted(spec.object_types) if spec else None)):
            if entity is None or allowed is None or entity not in types:
                continue
            if types[entity] not in allowed:
                warnings.append(f"fact #{fact_id}: the {role} of {predicate} is '{entity}', "
                                f"{_a(types[entity])}; {predicate} takes {' or '.join(sorted(allowed))}")
        if (spec and spec.kind == "transitive" and obj is not None and obj != subject
                and rank != "deprecated"):
            edges.setdefault(predicate, {}).setdefault(subject, []).append((obj, fact_id))
    for predicate, graph in sorted(edges.items()):
        problems.extend(_cycles(predicate, graph))
    warnings.extend(shared_names(names, types))
    holders: dict[str, list[str]] = {}
    for text, entity in external:
        holders.setdefault(text, []).append(entity)
    warnings.extend(f"external id {text} is carried by {len(ids)} entities: {', '.join(ids)} (likely duplicates: "
                    f"'factcheck entities merge' makes them one)" for text, ids in holders.items() if len(ids) > 1)
    return {"errors": problems, "warnings": warnings}


def shared_names(names: list[tuple[str, str]], types: Mapping[str, str]) -> list[str]:
    """One line per name or alias (compared case-blind, spaces folded) that entities of one type
    share, from (entity id, name or alias) pairs. Events are left out: the editions of a recurring
    event share its name on purpose (the claim's time settles which one is meant)."""
    owners: dict[tuple[str, str], dict[str, str]] = {}
    for entity, text in names:
        if entity in types and types[entity] != "event":
            key = (" ".join(text.casefold().split()), types[entity])
            owners.setdefault(key, {})[entity] = text
    return [f"the name '{next(iter(sorted(held.values())))}' is shared by {len(held)} {kind} entities: "
            f"{', '.join(sorted(held))} (no claim can tell them apart by it: if they are one, factcheck "
            f"entities merge SOURCE TARGET)"
            for (_key, kind), held in sorted(owners.items()) if len(held) > 1]


def _cycles(predicate: str, edges: Mapping[str, list[tuple[str, int]]]) -> list[str]:
    """One line per circle of ``predicate`` facts, found by an iterative depth-first search (a
    store may hold long chains; the search keeps its own stack)."""
    found: list[str] = []
    state: dict[str, int] = {}          # 1 on the current path, 2 done
    for root in sorted(edges):
        if root in state:
            continue
        path: list[tuple[str, int | None]] = [(root, None)]
        stack = [iter(sorted(edges.get(root, ())))]
        state[root] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()[0]] = 2
                stack.pop()
                continue
            target, fact_id = step
            if state.get(target) == 1:
                at = next(i for i, (node, _) in enumerate(path) if node == target)
                circle = [node for node, _ in path[at:]] + [target]
                ids = [f"#{fid}" for _, fid in path[at + 1:]] + [f"#{fact_id}"]
                found.append(f"{predicate} goes round in a circle: {' -> '.join(circle)} "
                             f"(facts {', '.join(ids)})")
            elif target not in state:
                state[target] = 1
                path.append((target, fact_id))
                stack.append(iter(sorted(edges.get(target, ()))))
    return found


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"
