"""factcheck: a rule-based, offline fact-checker for news articles.

    import factcheck
    claims = factcheck.extract_claims(text, published=date(2023, 10, 25))
    checked = factcheck.verify_text(text, published=date(2023, 10, 25),
                                    store=factcheck.Store("sqlite:///facts.db"))

Attributes load on first use, so ``import factcheck`` stays cheap.
"""

from __future__ import annotations

from factcheck.version import __version__

__all__ = [
    "Checker",
    "FactFileError",
    "FactcheckError",
    "InputError",
    "RuleError",
    "Store",
    "StoreError",
    "__version__",
    "extract_claims",
    "find_quantities",
    "find_times",
    "load_rules",
    "verify_text",
]

_LAZY = {
    "Checker": "checker",
    "extract_claims": "api",
    "verify_text": "api",
    "Store": "store.database",
    "find_quantities": "text.quantities",
    "find_times": "text.timex",
    "load_rules": "rules.loader",
    "FactcheckError": "errors",
    "FactFileError": "errors",
    "InputError": "errors",
    "RuleError": "errors",
    "StoreError": "errors",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"factcheck.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
