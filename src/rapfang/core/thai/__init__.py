"""The Thai language in one package, used by pages, search, documents and the analysis alike.

Plain Python with no Django import, so the CLI, workers and benchmarks can use it. Its modules:

- ``dates``: Buddhist-era dates and ``น.`` times to read and to type (re-exported here: ``thai.format_date``);
- ``letters``: the character classes and digit tables every other module shares;
- ``normalise``: the two normal forms, for search (``search_form``) and for the analysis (``analysis_form``);
- ``words``: the word list and the segmenter (nlpo3's newmm over pythainlp's words, read from the installed
  packages: nothing is downloaded), with consultation words added where the analysis needs them;
- ``search``: index and query terms, highlighting, word overlap;
- ``romanize``: Thai words in the Royal Institute's Latin letters.

Only this package imports ``nlpo3`` and ``pythainlp`` (``tests/test_architecture.py`` keeps it so).
"""

from rapfang.core.thai.dates import (
    BANGKOK,
    BE_OFFSET,
    ENGLISH_MONTHS,
    ENGLISH_MONTHS_ABBR,
    ENGLISH_WEEKDAYS,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    THAI_WEEKDAYS,
    THAI_WEEKDAYS_ABBR,
    ThaiDateError,
    be_year,
    ce_year,
    format_date,
    format_date_range,
    format_datetime,
    format_number,
    format_time,
    format_time_range,
    parse_date,
    parse_datetime,
    parse_time,
    to_arabic_digits,
    to_bangkok,
    to_thai_digits,
)

__all__ = [
    "BANGKOK",
    "BE_OFFSET",
    "ENGLISH_MONTHS",
    "ENGLISH_MONTHS_ABBR",
    "ENGLISH_WEEKDAYS",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "THAI_WEEKDAYS",
    "THAI_WEEKDAYS_ABBR",
    "ThaiDateError",
    "be_year",
    "ce_year",
    "format_date",
    "format_date_range",
    "format_datetime",
    "format_number",
    "format_time",
    "format_time_range",
    "parse_date",
    "parse_datetime",
    "parse_time",
    "to_arabic_digits",
    "to_bangkok",
    "to_thai_digits",
]
