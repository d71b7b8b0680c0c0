"""Write msglint/lang/<code>/places.tsv (place names) and msglint/lang/domain_zones.tsv
(country-code domains), each with the time zones it lies in.

DL03 asks for a time zone when a message's readers may be in several zones;
a message that names a place whose clock differs from the sender's (« notre
collègue de Singapour », "the Dakar office") says so. The facts come from
two public-domain and LGPL data sets every Debian system has, read here once
(a maintenance tool, not a dependency of msglint):

* tzdata's ``zone.tab``: each country's zones, and each zone's city;
* iso-codes' ``iso_3166-1.json`` with its gettext catalogues: country names
  in English and French.

    python tools/generate_places.py

Each line is ``name<TAB>zone zone…`` (all the zones of a country that spans
several). A country or zone city whose name is also a common word or a first
name ("Chad", "Jordan", « Maurice », "Sydney", "Easter", "Midway") is left
out (``AMBIGUOUS``): a place is worth a time zone only when it is surely a
place. Antarctic stations are left out. ``EXONYMS`` adds the names people
write for zone cities and capitals that are not zone cities (« Londres »,
« Pékin », "Beijing", "Mumbai").
"""

from __future__ import annotations

import gettext
import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "msglint" / "lang"
ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")
ISO_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")

# Names that are also words or first names: not surely a place.
AMBIGUOUS = {
    # words
    "chad",
    "jordan",
    "georgia",
    "turkey",
    "jersey",
    "guernsey",
    "man",
    "christmas",
    "niger",
    "guinea",
    "easter",
    "midway",
    "wake",
    "center",
    "resolute",
    "troll",
    "nome",
    "stanley",
    "canary",
    "chatham",
    "oral",
    "cocos",
    "kingston",
    # first names and surnames
    "maurice",
    "sydney",
    "regina",
    "casey",
    "davis",
    "palmer",
    "knox",
    "adelaide",
    "victoria",
    "darwin",
    "dawson",
    "wallis",
    "denver",
    "phoenix",
    "macquarie",
    "mawson",
    "hobart",
    "st thomas",
    "st vincent",
    "st lucia",
    "dominica",
    # a town of the same name elsewhere, in another zone (Spain, Scotland, England)
    "cordoba",
    "merida",
    "la rioja",
    "san juan",
    "perth",
    "norfolk",
    "santiago",
    "louisville",
    "petersburg",
    "marengo",
    "monticello",
    "menominee",
    "beulah",
    "vevay",
    "winamac",
    "tell city",
    "new salem",
    "creston",
}

# Names people write that are not zone cities or country names: name -> zone.
EXONYMS = {
    "en": {
        "Beijing": "Asia/Shanghai",
        "Hong Kong": "Asia/Hong_Kong",
        "Mumbai": "Asia/Kolkata",
        "Bombay": "Asia/Kolkata",
        "Delhi": "Asia/Kolkata",
        "New Delhi": "Asia/Kolkata",
        "Bangalore": "Asia/Kolkata",
        "Bengaluru": "Asia/Kolkata",
        "Chennai": "Asia/Kolkata",
        "Calcutta": "Asia/Kolkata",
        "Saigon": "Asia/Ho_Chi_Minh",
        "Hanoi": "Asia/Bangkok",
        "Osaka": "Asia/Tokyo",
        "Abu Dhabi": "Asia/Dubai",
        "Tel Aviv": "Asia/Jerusalem",
        "Cape Town": "Africa/Johannesburg",
        "Rabat": "Africa/Casablanca",
        "Montreal": "America/Toronto",
        "Ottawa": "America/Toronto",
        "Quebec": "America/Toronto",
        "Boston": "America/New_York",
        "San Francisco": "America/Los_Angeles",
        "Seattle": "America/Los_Angeles",
        "Silicon Valley": "America/Los_Angeles",
        "Miami": "America/New_York",
        "Atlanta": "America/New_York",
        "Dallas": "America/Chicago",
        "Houston": "America/Chicago",
        "Calgary": "America/Edmonton",
        "Rio de Janeiro": "America/Sao_Paulo",
        "São Paulo": "America/Sao_Paulo",
        "Geneva": "Europe/Zurich",
        "Frankfurt": "Europe/Berlin",
        "Munich": "Europe/Berlin",
        "Milan": "Europe/Rome",
        "Barcelona": "Europe/Madrid",
        "Manchester": "Europe/London",
        "Edinburgh": "Europe/London",
        "Kiev": "Europe/Kyiv",
        "Taipei": "Asia/Taipei",
        "Jakarta": "Asia/Jakarta",
        "Manila": "Asia/Manila",
        "Seoul": "Asia/Seoul",
        "Mexico City": "America/Mexico_City",
        "Shenzhen": "Asia/Shanghai",
        "Guangzhou": "Asia/Shanghai",
        "California": "America/Los_Angeles",
        "Texas": "America/Chicago",
        "Ontario": "America/Toronto",
        "British Columbia": "America/Vancouver",
        "UK": "Europe/London",
        "USA": "America/New_York America/Chicago America/Denver America/Los_Angeles",
    },
    "fr": {
        "Londres": "Europe/London",
        "Édimbourg": "Europe/London",
        "Dublin": "Europe/Dublin",
        "Lisbonne": "Europe/Lisbon",
        "Bruxelles": "Europe/Brussels",
        "Genève": "Europe/Zurich",
        "Zurich": "Europe/Zurich",
        "Varsovie": "Europe/Warsaw",
        "Athènes": "Europe/Athens",
        "Copenhague": "Europe/Copenhagen",
        "Moscou": "Europe/Moscow",
        "Bucarest": "Europe/Bucharest",
        "Kiev": "Europe/Kyiv",
        "Kyiv": "Europe/Kyiv",
        "Le Caire": "Africa/Cairo",
        "Alger": "Africa/Algiers",
        "Tunis": "Africa/Tunis",
        "Rabat": "Africa/Casablanca",
        "Casablanca": "Africa/Casablanca",
        "Le Cap": "Africa/Johannesburg",
        "Pékin": "Asia/Shanghai",
        "Shanghai": "Asia/Shanghai",
        "Hong Kong": "Asia/Hong_Kong",
        "Singapour": "Asia/Singapore",
        "Séoul": "Asia/Seoul",
        "Manille": "Asia/Manila",
        "Djakarta": "Asia/Jakarta",
        "Jakarta": "Asia/Jakarta",
        "Hanoï": "Asia/Bangkok",
        "Bombay": "Asia/Kolkata",
        "Mumbai": "Asia/Kolkata",
        "New Delhi": "Asia/Kolkata",
        "Delhi": "Asia/Kolkata",
        "Bangalore": "Asia/Kolkata",
        "Dubaï": "Asia/Dubai",
        "Abou Dabi": "Asia/Dubai",
        "Beyrouth": "Asia/Beirut",
        "Téhéran": "Asia/Tehran",
        "Riyad": "Asia/Riyadh",
        "Tel-Aviv": "Asia/Jerusalem",
        "Tel Aviv": "Asia/Jerusalem",
        "Jérusalem": "Asia/Jerusalem",
        "Montréal": "America/Toronto",
        "Montreal": "America/Toronto",
        "Québec": "America/Toronto",
        "Ottawa": "America/Toronto",
        "New York": "America/New_York",
        "Boston": "America/New_York",
        "Washington": "America/New_York",
        "San Francisco": "America/Los_Angeles",
        "Los Angeles": "America/Los_Angeles",
        "Mexico": "America/Mexico_City",
        "São Paulo": "America/Sao_Paulo",
        "Sao Paulo": "America/Sao_Paulo",
        "Rio de Janeiro": "America/Sao_Paulo",
        "Buenos Aires": "America/Argentina/Buenos_Aires",
        "Bogota": "America/Bogota",
        "Tokyo": "Asia/Tokyo",
        "Osaka": "Asia/Tokyo",
        "Taipei": "Asia/Taipei",
        "Nouméa": "Pacific/Noumea",
        "Papeete": "Pacific/Tahiti",
        "Tahiti": "Pacific/Tahiti",
        "Pointe-à-Pitre": "America/Guadeloupe",
        "Guadeloupe": "America/Guadeloupe",
        "Fort-de-France": "America/Martinique",
        "Martinique": "America/Martinique",
        "Cayenne": "America/Cayenne",
        "La Réunion": "Indian/Reunion",
        "Mayotte": "Indian/Mayotte",
        "Nouvelle-Calédonie": "Pacific/Noumea",
        "Polynésie": "Pacific/Tahiti",
        "Californie": "America/Los_Angeles",
        "Floride": "America/New_York",
        "Texas": "America/Chicago",
    },
}


def _zones() -> tuple[dict[str, list[str]], dict[str, str]]:
    """Country code -> its zones; zone city name -> zone (Antarctica left out)."""
    by_country: dict[str, list[str]] = defaultdict(list)
    cities: dict[str, str] = {}
    for line in ZONE_TAB.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, _, zone, *_ = line.split("\t")
        if zone.startswith("Antarctica/"):
            continue
        by_country[code].append(zone)
        cities[zone.rsplit("/", 1)[-1].replace("_", " ")] = zone
    return by_country, cities


def _country_names(lang: str) -> dict[str, list[str]]:
    """Country code -> its names in ``lang`` (short form before any comma)."""
    rows = json.loads(ISO_JSON.read_text(encoding="utf-8"))["3166-1"]
    tr = gettext.translation("iso_3166-1", localedir="/usr/share/locale", languages=["fr"])
    names: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        for key in ("name", "common_name"):
            if key not in row:
                continue
            name = row[key] if lang == "en" else tr.gettext(row[key])
            short = name.split(",")[0].split("(")[0].strip()
            if short and short not in names[row["alpha_2"]]:
                names[row["alpha_2"]].append(short)
    return names


def build(lang: str) -> list[tuple[str, str]]:
    """(name, zones) pairs for one language, sorted, ambiguous names left out."""
    by_country, cities = _zones()
    out: dict[str, str] = {}
    for code, names in _country_names(lang).items():
        zones = by_country.get(code)
        if zones:
            for name in names:
                out[name] = " ".join(zones)
    for city, zone in cities.items():
        out.setdefault(city, zone)
    found = {name: zone for name, zone in out.items() if name.lower() not in AMBIGUOUS}
    found.update(EXONYMS[lang])
    return sorted(found.items())


def main() -> None:
    by_country, _ = _zones()
    codes = {code.lower(): zones for code, zones in by_country.items()}
    codes["uk"] = codes["gb"]  # the .uk domain is GB's
    lines = [
        "# Country-code top-level domains and their time zones (DL03: a recipient",
        "# at .sg is in Singapore), from tools/generate_places.py: tzdata zone.tab.",
    ]
    lines += [f"{code}\t{' '.join(zones)}" for code, zones in sorted(codes.items())]
    (ROOT / "domain_zones.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for lang, comment in (
        ("en", "# Places and their time zones (DL03), from tools/generate_places.py:"),
        ("fr", "# Lieux et leurs fuseaux horaires (DL03), par tools/generate_places.py :"),
    ):
        lines = [
            comment,
            "# tzdata zone.tab (public domain), iso-codes iso_3166-1 (LGPL-2.1+), exonyms.",
            "# name<TAB>IANA zones (all the zones of a country that spans several).",
        ]
        lines += [f"{name}\t{zone}" for name, zone in build(lang)]
        (ROOT / lang / "places.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
