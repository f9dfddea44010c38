#!/usr/bin/env python3
"""Regenerates spantop's price data from pydantic's genai-prices (PyPI, MIT).

    scripts/update-prices.sh            # installs the newest genai-prices into a venv, runs this
    python scripts/update-prices.py     # with genai-prices importable

Writes Sources/SpanCore/Pricing/Generated/PriceData.swift: the providers, their model-matching
rules and token prices as one compact JSON document, stamped with the package version and the
date the data was published, and the package's licence beside it. Only token prices (input,
output, cache read, cache write, long-context tiers) and per-request prices are kept: spans
carry token counts, not audio seconds or search counts.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import urllib.request
from decimal import Decimal
from importlib import metadata
from pathlib import Path

from genai_prices import types as gp
from genai_prices.data import providers

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "Sources" / "SpanCore" / "Pricing" / "Generated"

# genai-prices price key -> our key. Prices are USD per million tokens (per thousand requests).
PRICE_KEYS = {
    "input_mtok": "input",
    "output_mtok": "output",
    "cache_read_mtok": "cache_read",
    "cache_write_mtok": "cache_write",
    "requests_kcount": "requests_kcount",
}


def number(d: Decimal) -> float | int:
    # Decimal -> the shortest JSON number that round-trips to the same double.
    f = float(d)
    return int(f) if f.is_integer() else f


def price(value: Decimal | gp.TieredPrices) -> object:
    if isinstance(value, gp.TieredPrices):
        return {"base": number(value.base), "tiers": [[t.start, number(t.price)] for t in value.tiers]}
    return number(value)


def clause(c: object) -> dict:
    if isinstance(c, gp.ClauseEquals):
        return {"equals": c.equals.lower()}
    if isinstance(c, gp.ClauseStartsWith):
        return {"starts_with": c.starts_with.lower()}
    if isinstance(c, gp.ClauseEndsWith):
        return {"ends_with": c.ends_with.lower()}
    if isinstance(c, gp.ClauseContains):
        return {"contains": c.contains.lower()}
    if isinstance(c, gp.ClauseRegex):
        return {"regex": c.regex}
    if isinstance(c, gp.ClauseOr):
        return {"or": [clause(x) for x in c.or_]}
    if isinstance(c, gp.ClauseAnd):
        return {"and": [clause(x) for x in c.and_]}
    raise SystemExit(f"update-prices: unknown match clause {type(c).__name__}; teach spantop about it first")


def price_set(prices: gp.ModelPrice, constraint: object) -> dict:
    out: dict = {}
    if isinstance(constraint, gp.StartDateConstraint):
        out["start_date"] = constraint.start_date.isoformat()
    elif isinstance(constraint, gp.TimeOfDateConstraint):
        out["time_of_day"] = [utc_time(constraint.start_time), utc_time(constraint.end_time)]
    elif constraint is not None:
        raise SystemExit(f"update-prices: unknown price constraint {type(constraint).__name__}")
    for key, ours in PRICE_KEYS.items():
        value = prices.__dict__.get(key)
        if value is not None:
            out[ours] = price(value)
    return out


def utc_time(t: dt.time) -> str:
    if t.tzinfo is not None:
        t = dt.datetime.combine(dt.date(1970, 1, 1), t).astimezone(dt.timezone.utc).time()
    return t.strftime("%H:%M:%S")


def model(m: gp.ModelInfo) -> dict:
    out: dict = {"id": m.id, "match": clause(m.match)}
    if m.name and m.name != m.id:
        out["name"] = m.name
    if isinstance(m.prices, gp.ModelPrice):
        out["prices"] = [price_set(m.prices, None)]
    else:
        out["prices"] = [price_set(c.prices, c.constraint) for c in m.prices]
    return out


def provider(p: gp.Provider) -> dict:
    out: dict = {"id": p.id, "name": p.name}
    if p.model_match is not None:
        out["model_match"] = clause(p.model_match)
    if p.provider_match is not None:
        out["provider_match"] = clause(p.provider_match)
    if p.fallback_model_providers:
        out["fallback"] = list(p.fallback_model_providers)
    out["models"] = [model(m) for m in p.models]
    return out


def published_date(version: str, data: list[dict]) -> str:
    """The day PyPI received this version (simple JSON API, PEP 700); offline, the newest price
    start date that is not in the future."""
    try:
        request = urllib.request.Request(
            "https://pypi.org/simple/genai-prices/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
        )
        with urllib.request.urlopen(request, timeout=20) as r:
            files = json.load(r).get("files") or []
        times = [f["upload-time"] for f in files if f"-{version}-" in f["filename"] or f"-{version}." in f["filename"]]
        if times:
            return min(times)[:10]
    except Exception as e:  # noqa: BLE001 - offline is fine, the fallback below is stated in the output
        print(f"update-prices: PyPI not reachable ({e}); dating the data by its newest price", file=sys.stderr)
    today = dt.date.today().isoformat()
    dates = [ps["start_date"] for p in data for m in p["models"] for ps in m["prices"] if ps.get("start_date", "~") <= today]
    return max(dates) if dates else "unknown"


def main() -> None:
    version = metadata.version("genai-prices")
    data = [provider(p) for p in providers]
    document = {
        "source": "genai-prices",
        "version": version,
        "date": published_date(version, data),
        "license": "MIT",
        "providers": data,
    }
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=True, sort_keys=False)
    fence = "#"
    while f'"{fence}' in text or f'"""{fence}' in text:
        fence += "#"
    models = sum(len(p["models"]) for p in data)
    swift = (
        "// swift-format-ignore-file\n"
        "// Generated by scripts/update-prices.py from genai-prices "
        f"{version} ({document['date']}). Do not edit.\n"
        "// Data: https://github.com/pydantic/genai-prices, MIT licence: see LICENSE-genai-prices beside this file.\n"
        "\n"
        "/// The price data spantop ships with, as generated from genai-prices.\n"
        "enum GeneratedPriceData {\n"
        f'    static let version = "{version}"\n'
        f'    static let date = "{document["date"]}"\n'
        f"    static let providerCount = {len(data)}\n"
        f"    static let modelCount = {models}\n"
        f'    static let json = {fence}"""\n{text}\n"""{fence}\n'
        "}\n"
    )
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "PriceData.swift").write_text(swift)
    licence = Path(metadata.distribution("genai-prices").locate_file(""))
    files = [f for f in metadata.files("genai-prices") or [] if f.name == "LICENSE"]
    notice = (licence / files[0]).read_text() if files else "MIT License (genai-prices, pydantic)\n"
    (OUT_DIR / "LICENSE-genai-prices").write_text(
        f"The price data in PriceData.swift is generated from genai-prices {version}\n"
        "(https://github.com/pydantic/genai-prices), distributed under this licence:\n\n" + notice
    )
    print(f"update-prices: genai-prices {version} ({document['date']}): {len(data)} providers, {models} models, "
          f"{len(text) // 1024} KiB -> {OUT_DIR.relative_to(ROOT)}/PriceData.swift")


if __name__ == "__main__":
    main()
