"""Write msglint/lang/holiday_dates.toml: dates of lunar and lunisolar holidays by year.

Islamic, Hebrew, Chinese and Hindu holidays move against the Gregorian
calendar, and computing them needs astronomical tables. The dates are facts;
this script takes them from the tables of the python-holidays project
(https://github.com/vacanza/holidays, MIT), which its maintainers keep up to
date. It is a maintenance tool, not a dependency of msglint:

    python -m venv /tmp/hv && /tmp/hv/bin/pip install holidays
    /tmp/hv/bin/python tools/generate_holiday_dates.py

A language pack's ``times.toml`` maps its phrases to these keys
(``"eid al-fitr" = "table eid-al-fitr"``, offsets allowed:
``"table diwali -2"``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from holidays import __version__ as holidays_version
from holidays.calendars import (
    _ChineseLunisolar,
    _HebrewLunisolar,
    _HinduLunisolar,
    _IslamicLunar,
)

OUT = Path(__file__).resolve().parent.parent / "msglint" / "lang" / "holiday_dates.toml"
FIRST_YEAR, LAST_YEAR = 1950, 2100

TABLES = {
    # Islamic (the first day; Ramadan is its first day)
    "ramadan": (_IslamicLunar, "RAMADAN_BEGINNING_DATES"),
    "eid-al-fitr": (_IslamicLunar, "EID_AL_FITR_DATES"),
    "eid-al-adha": (_IslamicLunar, "EID_AL_ADHA_DATES"),
    "laylat-al-qadr": (_IslamicLunar, "LAYLAT_AL_QADR_DATES"),
    "islamic-new-year": (_IslamicLunar, "HIJRI_NEW_YEAR_DATES"),
    "ashura": (_IslamicLunar, "ASHURA_DATES"),
    "isra-miraj": (_IslamicLunar, "ISRA_AND_MIRAJ_DATES"),
    "mawlid": (_IslamicLunar, "MAWLID_DATES"),
    "jumuatul-wida": (_IslamicLunar, "JUMUATUL_WIDA_DATES"),
    "ali-birthday": (_IslamicLunar, "ALI_BIRTHDAY_DATES"),
    # Hebrew (the first full day)
    "rosh-hashanah": (_HebrewLunisolar, "ROSH_HASHANAH_DATES"),
    "yom-kippur": (_HebrewLunisolar, "YOM_KIPPUR_DATES"),
    "sukkot": (_HebrewLunisolar, "SUKKOT_DATES"),
    "hanukkah": (_HebrewLunisolar, "HANUKKAH_DATES"),
    "purim": (_HebrewLunisolar, "PURIM_DATES"),
    "passover": (_HebrewLunisolar, "PASSOVER_DATES"),
    "shavuot": (_HebrewLunisolar, "SHAVUOT_DATES"),
    "lag-baomer": (_HebrewLunisolar, "LAG_BAOMER_DATES"),
    "tisha-bav": (_HebrewLunisolar, "TISHA_BAV_DATES"),
    "yom-haatzmaut": (_HebrewLunisolar, "INDEPENDENCE_DAY_DATES"),
    # Chinese
    "chinese-new-year": (_ChineseLunisolar, "LUNAR_NEW_YEAR_DATES"),
    "dragon-boat": (_ChineseLunisolar, "DRAGON_BOAT_DATES"),
    "mid-autumn": (_ChineseLunisolar, "MID_AUTUMN_DATES"),
    # Hindu, Sikh, Jain, Buddhist (as observed in India)
    "diwali": (_HinduLunisolar, "DIWALI_INDIA_DATES"),
    "holi": (_HinduLunisolar, "HOLI_DATES"),
    "dussehra": (_HinduLunisolar, "DUSSEHRA_DATES"),
    "navaratri": (_HinduLunisolar, "SHARAD_NAVRATRI_DATES"),
    "karva-chauth": (_HinduLunisolar, "KARWA_CHAUTH_DATES"),
    "raksha-bandhan": (_HinduLunisolar, "RAKSHA_BANDHAN_DATES"),
    "janmashtami": (_HinduLunisolar, "JANMASHTAMI_DATES"),
    "ganesh-chaturthi": (_HinduLunisolar, "GANESH_CHATURTHI_DATES"),
    "ram-navami": (_HinduLunisolar, "RAM_NAVAMI_DATES"),
    "maha-shivaratri": (_HinduLunisolar, "MAHA_SHIVARATRI_DATES"),
    "mahavir-jayanti": (_HinduLunisolar, "MAHAVIR_JAYANTI_DATES"),
    "basant-panchami": (_HinduLunisolar, "BASANT_PANCHAMI_DATES"),
    "makar-sankranti": (_HinduLunisolar, "MAKAR_SANKRANTI_DATES"),
    "pongal": (_HinduLunisolar, "PONGAL_DATES"),
    "onam": (_HinduLunisolar, "ONAM_DATES"),
    "vaisakhi": (_HinduLunisolar, "VAISAKHI_DATES"),
    "gudi-padwa": (_HinduLunisolar, "GUDI_PADWA_DATES"),
    "chhath": (_HinduLunisolar, "CHHATH_PUJA_DATES"),
    "rath-yatra": (_HinduLunisolar, "RATH_YATRA_DATES"),
    "buddha-purnima": (_HinduLunisolar, "BUDDHA_PURNIMA_DATES"),
    "guru-nanak-jayanti": (_HinduLunisolar, "GURU_NANAK_JAYANTI_DATES"),
    "guru-gobind-singh-jayanti": (_HinduLunisolar, "GURU_GOBIND_SINGH_JAYANTI_DATES"),
    "guru-ravidas-jayanti": (_HinduLunisolar, "GURU_RAVIDAS_JAYANTI_DATES"),
    "valmiki-jayanti": (_HinduLunisolar, "MAHARSHI_VALMIKI_JAYANTI_DATES"),
}


def _dates(value: object) -> list[tuple[int, int]]:
    """A table entry is (month, day), or a tuple of them when a year has two."""
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return sorted(value)  # type: ignore[arg-type]
    return [value]  # type: ignore[list-item]


def main() -> int:
    lines = [
        "# Dates of holidays that follow a lunar or lunisolar calendar, by Gregorian",
        '# year ("MM-DD"; two when a year holds two). Facts taken from the tables of',
        f"# python-holidays {holidays_version} (MIT) by tools/generate_holiday_dates.py:",
        "# do not edit by hand, regenerate. Language packs map phrases to these keys",
        "# in the [holidays] table of their times.toml.",
    ]
    for key, (calendar, attribute) in TABLES.items():
        table = getattr(calendar, attribute)
        lines += ["", f"[{key}]"]
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            if year in table:
                days = ", ".join(f'"{m:02d}-{d:02d}"' for m, d in _dates(table[year]))
                lines.append(f"{year} = [{days}]")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(TABLES)} holidays)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
