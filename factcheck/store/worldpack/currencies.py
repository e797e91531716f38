"""Currencies: one entity for every currency a country uses, named in English.

Takes the :class:`~.pack.Pack` after :mod:`.countries`; adds a currency entity for every ISO 4217
code a GeoNames country uses (and every code one is replacing, ``data/world/currencies.toml``),
and records each one's id by code. Codes and symbols the quantity parser reads as part of an
amount are no aliases: a mention overlapping a quantity would hide the quantity.
"""

from __future__ import annotations

from collections import defaultdict

from factcheck.store.worldpack import tables
from factcheck.store.worldpack.names import fold, slug
from factcheck.store.worldpack.pack import Pack


def add_currencies(pack: Pack) -> None:
    """Currency entities, in the order of their codes."""
    data = tables.currencies()
    users: dict[str, list[str]] = defaultdict(list)
    for iso, country in pack.countries.items():
        if country.get("currencycode"):
            users[country["currencycode"]].append(iso)
    codes = set(users) | {replaced.by for replaced in data.replaced.values()}
    for code in sorted(codes):
        record = pack.pycountry.currencies.get(alpha_3=code)
        if code in data.names:
            name = data.names[code]
        elif record is not None:
            name = currency_name(record.name, users.get(code, []))
        else:
            continue  # no ISO 4217 entry (a withdrawn code): no currency entity
        aliases = []
        if record is not None and code not in data.excluded_codes:
            aliases.append(code)
        aliases += data.symbols.get(code, ())
        if fold(name) != name:
            aliases.append(fold(name))
        aliases = [a for a in aliases if not absorbed_by_quantity(a)]
        aliases += [a for a in data.aliases.get(code, ()) if a not in aliases and a != name]
        entity_id = data.ids.get(code) or slug(name)
        pack.currency_ids[code] = entity_id
        pack.add_entity(entity_id, name, "currency", aliases,
                        kept=(*data.symbols.get(code, ()), *data.aliases.get(code, ())), ids={"iso4217": code})


def currency_name(iso_name: str, users: list[str]) -> str:
    """An English name from the ISO 4217 one: "Kwanza" -> "Angolan kwanza", "Swiss Franc" -> "Swiss franc"."""
    words = iso_name.split()
    demonyms = tables.countries().demonyms
    if len(words) == 1 and len(users) == 1 and demonyms.get(users[0]):
        return f"{demonyms[users[0]][0]} {iso_name.lower()}"
    unit_words = tables.currencies().unit_words
    return " ".join(w.lower() if w.lower() in unit_words else w for w in words)


def absorbed_by_quantity(text: str) -> bool:
    """Whether the quantity parser reads ``text`` as part of an amount ("5 billion USD", "€5bn")."""
    from factcheck.text.quantities import find_quantities

    for probe in (f"It cost 5 billion {text} in all.", f"It cost {text}5 billion in all.",
                  f"It cost {text} 5 billion in all."):
        start = probe.index(text)
        end = start + len(text)
        if any(q.start < end and q.end > start for q in find_quantities(probe)):
            return True
    return False
