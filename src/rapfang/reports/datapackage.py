"""The open data's `datapackage.json`: a Frictionless Tabular Data Package describing every CSV of the download,
its fields and their types, and the licence the agency gives the data under (a field of the consultation).

Types follow the columns' names, one rule for every table: `*_at` is a date-time in ISO 8601 with its offset,
`is_*` a boolean written `true`/`false`, counts, numbers, versions and campaign ids are integers, `url` a URI;
everything else is text (a list, such as a comment's issues, is text separated by `;`).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from rapfang.reports.opendata_readme import TABLES, Column, Table

INTEGERS = {"version", "report_version", "order", "number", "issue", "comments", "count", "campaign", "endorsements",
            "question", "answered"}  # fmt: skip
DESCRIPTOR_VERSION = "https://specs.frictionlessdata.io/tabular-data-package/"


def field_type(name: str) -> dict[str, Any]:
    if name.endswith("_at"):
        return {"type": "datetime"}
    if name.startswith("is_"):
        return {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]}
    if name in INTEGERS:
        return {"type": "integer"}
    if name == "url":
        return {"type": "string", "format": "uri"}
    return {"type": "string"}


def _field(column: Column) -> dict[str, Any]:
    return {
        "name": column.name,
        **field_type(column.name),
        "title": column.en,
        "description": f"{column.en} / {column.th}",
    }


def _resource(table: Table) -> dict[str, Any]:
    return {
        "name": table.name, "path": f"{table.name}.csv", "profile": "tabular-data-resource", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8-sig", "title": table.en, "description": f"{table.en} / {table.th}",
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "schema": {"fields": [_field(column) for column in table.columns], "missingValues": [""]},
    }  # fmt: skip


def datapackage(*, slug: str, title_th: str, title_en: str, agency: str, licence: str, licence_title: str,
                licence_url: str, site_url: str, made_at: datetime) -> dict[str, Any]:  # fmt: skip
    """The package's descriptor as a dict, ready for `json.dumps`."""
    return {
        "profile": "tabular-data-package",
        "name": re.sub(r"[^a-z0-9._-]+", "-", f"rapfang-{slug}".lower()),
        "title": title_en or title_th,
        "description": f"{title_th} / {title_en}" if title_en else title_th,
        "homepage": site_url,
        "created": made_at.isoformat(timespec="seconds"),
        "contributors": [{"title": agency, "role": "publisher"}],
        "licenses": [{"name": licence, "path": licence_url, "title": licence_title}],
        "resources": [_resource(table) for table in TABLES],
    }
