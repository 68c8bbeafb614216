"""RFM in pandas, for `npm run bench`: python3 rfm_pandas.py TX_CSV RUNS -> one JSON line on stdout.

The same work as the app's defaults on a generated transactions file (bench-data/tx-N.csv):
  load    = read_csv + date parsing + Standard cleaning (drop rows without customer id,
            cancelled and returned rows, quantity <= 0), as the app's import does;
  scoring = per customer recency (days from the last order date to the analysis date, the day
            after the last order), frequency (distinct invoices), monetary (sum of amounts), then
            quintile scores 1-5 (5 best) like SQL NTILE(5) ordered by value then customer id.
Times are milliseconds per run; max_rss_kib is the process's peak resident set size.
"""

import json
import resource
import sys
import time

import numpy as np
import pandas as pd


def load(path):
    df = pd.read_csv(path, dtype={"invoice_id": str, "customer_id": str, "status": str})
    df["invoice_date"] = pd.to_datetime(df["invoice_date"], format="%Y-%m-%d %H:%M:%S")
    keep = df["customer_id"].notna() & ~df["status"].isin(["cancelled", "returned"]) & (df["quantity"] > 0)
    return df[keep]


def ntile5(values, ids, ascending):
    """NTILE(5) over (ORDER BY value, customer_id): the first n % 5 tiles get one more row."""
    order = np.lexsort((ids, values if ascending else -values))
    n = len(order)
    sizes = np.full(5, n // 5) + (np.arange(5) < n % 5)
    tiles = np.empty(n, dtype=np.int8)
    tiles[order] = np.repeat(np.arange(1, 6, dtype=np.int8), sizes)
    return tiles


def score(df):
    day = df["invoice_date"].dt.normalize()
    analysis_date = day.max() + pd.Timedelta(days=1)
    per = (
        df.assign(day=day)
        .groupby("customer_id", sort=True)
        .agg(last=("day", "max"), frequency=("invoice_id", "nunique"), monetary=("amount", "sum"))
    )
    per["recency_days"] = (analysis_date - per["last"]).dt.days
    ids = per.index.to_numpy()
    per["r_score"] = 6 - ntile5(per["recency_days"].to_numpy(), ids, True)
    per["f_score"] = ntile5(per["frequency"].to_numpy(), ids, True)
    per["m_score"] = ntile5(per["monetary"].to_numpy(), ids, True)
    return per


def main():
    path, runs = sys.argv[1], int(sys.argv[2])
    load_ms, score_ms = [], []
    rows = customers = 0
    for _ in range(runs):
        start = time.perf_counter()
        df = load(path)
        loaded = time.perf_counter()
        per = score(df)
        done = time.perf_counter()
        load_ms.append((loaded - start) * 1000)
        score_ms.append((done - loaded) * 1000)
        rows, customers = len(df), len(per)
        del df, per
    print(
        json.dumps(
            {
                "pandas": pd.__version__,
                "rows": rows,
                "customers": customers,
                "load_ms": load_ms,
                "score_ms": score_ms,
                "max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


main()
