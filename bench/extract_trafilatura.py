#!/usr/bin/env python3
"""Python trafilatura on a folder of .html pages, as bench/extract.sh runs it.

    extract_trafilatura.py PAGES_DIR OUT.jsonl

Writes one {"id", "text", "published"} line per page and prints the pages, the CPU
seconds spent in trafilatura.extract + extract_metadata (text and date: the job herald
does; files are read before the clock starts) and pages/s, the same for extract alone,
and the wall time of the loop. CPU time, because on a shared machine wall time also
counts the waits for a core. trafilatura.extract is called as the article-extraction benchmark calls it
(include_comments=False); the date comes from trafilatura's own metadata (htmldate).
"""
import json
import sys
import time
from pathlib import Path

import trafilatura


def main():
    pages_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    pages = [(p.stem, p.read_bytes().decode("utf-8", errors="replace"))
             for p in sorted(pages_dir.glob("*.html"))]
    rows = []
    text_s = meta_s = 0.0
    wall = time.perf_counter()
    for page_id, html in pages:
        t0 = time.process_time()
        text = trafilatura.extract(html, include_comments=False) or ""
        t1 = time.process_time()
        meta = trafilatura.extract_metadata(html)
        t2 = time.process_time()
        text_s += t1 - t0
        meta_s += t2 - t1
        rows.append({"id": page_id, "text": text, "published": meta.date if meta else None})
    wall = time.perf_counter() - wall
    seconds = text_s + meta_s
    with out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"pages {len(pages)} seconds {seconds:.3f} pages_per_s {len(pages) / seconds:.1f} "
          f"text_only_seconds {text_s:.3f} text_only_pages_per_s {len(pages) / text_s:.1f} "
          f"wall_seconds {wall:.3f} wall_pages_per_s {len(pages) / wall:.1f}")


if __name__ == "__main__":
    main()
