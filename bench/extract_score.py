#!/usr/bin/env python3
"""Scores extractor outputs against the article-extraction benchmark, as bench/extract.sh runs it.

    extract_score.py ground-truth.json OUT.jsonl [OUT.jsonl ...]

Each OUT.jsonl holds one {"id", "text", "published"} line per page. The metric is the
benchmark's own (its evaluate.py): tokens are \\w+ runs, token 4-gram multisets per page,
precision and recall per page (1 when nothing is missing or extra), averaged over pages,
F1 of the averages. Pages missing from an output count as empty. Also prints how often
the published date names the same day as the page URL, for pages whose URL carries one.
"""
import json
import re
import statistics
import sys
from collections import Counter

TOKEN = re.compile(r"\w+", re.UNICODE)
URL_DAY = re.compile(r"[/_-]((?:19|20)\d\d)(?:([/_-])(\d\d?)\2(\d\d?)|(\d\d)(\d\d))(?:[/_.-]|$)")


def grams(text, n=4):
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def counts(gold, pred):
    g, p = grams(gold), grams(pred)
    tp = sum(min(c, p[k]) for k, c in g.items())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


def precision(tp, fp, fn):
    return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))


def recall(tp, fp, fn):
    return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))


def url_day(url):
    m = URL_DAY.search(url or "")
    if not m:
        return None
    year = int(m.group(1))
    month, day = (m.group(3), m.group(4)) if m.group(3) else (m.group(5), m.group(6))
    month, day = int(month), int(day)
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def main():
    truth = json.load(open(sys.argv[1], encoding="utf-8"))
    for path in sys.argv[2:]:
        rows = {}
        for line in open(path, encoding="utf-8"):
            if line.strip():
                row = json.loads(line)
                rows[str(row["id"]).split(".")[0]] = row
        per_page = [counts(item["articleBody"], (rows.get(key) or {}).get("text") or "")
                    for key, item in truth.items()]
        p = statistics.mean(precision(*c) for c in per_page if c[0] + c[1] > 0)
        r = statistics.mean(recall(*c) for c in per_page if c[0] + c[2] > 0)
        dated = right = 0
        for key, item in truth.items():
            gold = url_day(item.get("url"))
            if gold:
                dated += 1
                right += str((rows.get(key) or {}).get("published") or "")[:10] == gold
        name = path.rsplit("/", 1)[-1]
        print(f"{name:<20} P {p:.3f}  R {r:.3f}  F1 {2 * p * r / (p + r):.3f}  "
              f"date = URL day on {right}/{dated} pages")


if __name__ == "__main__":
    main()
