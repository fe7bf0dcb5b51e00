#!/usr/bin/env python
"""Search at city scale: index build time, then 60 representative queries through the
search page (median and 95th percentile server time).

    .venv/bin/python bench/search.py [--orgs 40000] [--runs 5] [--skip-rebuild]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shequ_bench .venv/bin/python bench/search.py

Uses the same data as bench/pages.py (built once, then reused). Times are in-process
through Django's test client (the whole request, no network), after one warm-up pass.
"""

import argparse
import statistics
import time

from _setup import RESULTS, ensure_data, percentile, setup_django

QUERIES = [
    # Names and parts of names, simplified and traditional
    "七宝巡逻队",
    "七寶巡邏隊",
    "巡逻",
    "巡邏",
    "东亭社区",
    "東亭社區",
    "天天敲门",
    "敲門組",
    "联合会",
    "社区社会组织联合会",
    "叠嶂爱心食堂",
    "老年助餐",
    "助餐",
    "送餐",
    "夕阳红",
    "合唱",
    "广场舞",
    "太极拳",
    "书画",
    "象棋",
    "戏曲",
    "乒乓球",
    # Places
    "武昌",
    "青山区",
    "水果湖街道",
    "宣州",
    "广德",
    "坪山",
    "幸福社区",
    "长青",
    "和平社区",
    # Topics and several words without spaces
    "武昌 养老",
    "东亭社区巡逻",
    "宣州 助餐",
    "纠纷调解",
    "心理疏导",
    "垃圾分类",
    "平安巡逻",
    "法律援助",
    "志愿服务",
    "邻里互助",
    "便民维修",
    # Money and evaluations
    "公益创投",
    "第七届公益创投",
    "政府购买服务",
    "福彩公益金",
    "社区惠民资金",
    "以奖代补",
    "星级评估",
    "满意度测评",
    "3星",
    # Notices and policies
    "备案公示",
    "终止",
    "撤销备案",
    "五社联动",
    "十条措施",
    # Codes, single characters, nothing
    "2016",
    "七",
    "火星基地",
    "巡查",
]
assert len(QUERIES) == 60, len(QUERIES)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=40000)
    parser.add_argument("--runs", type=int, default=5, help="passes over the 60 queries")
    parser.add_argument("--skip-rebuild", action="store_true", help="reuse the existing index")
    parser.add_argument(
        "--lang", choices=["zh-hans", "zh-hant"], default="zh-hans", help="which site to search"
    )
    args = parser.parse_args()
    url = setup_django()
    generated_in = ensure_data(args.orgs)

    from django.db import connection
    from django.test import Client

    from search import sync
    from search.engines import get_engine

    lines = [f"# Search benchmark ({connection.vendor}, {time.strftime('%Y-%m-%d %H:%M')})", ""]
    if generated_in:
        lines.append(f"Generating {args.orgs:,} organizations took {generated_in:.0f} s.")
    if not args.skip_rebuild:
        # The public search's entries only (`rebuild_search` also rebuilds Wagtail's index,
        # which serves the admin search).
        started = time.perf_counter()
        indexed = sync.rebuild()
        lines.append(
            f"Index build, the public search's entries ({get_engine().name}): "
            f"{indexed:,} objects in {time.perf_counter() - started:.0f} s."
        )
    client = Client()
    path = f"/{args.lang}/search/"
    for query in QUERIES:  # warm-up pass; also checks every query answers
        response = client.get(path, {"q": query})
        assert response.status_code in (200, 302), (query, response.status_code)
    per_query = {query: [] for query in QUERIES}
    for _ in range(args.runs):
        for query in QUERIES:
            started = time.perf_counter()
            client.get(path, {"q": query})
            per_query[query].append((time.perf_counter() - started) * 1000)
    every = [t for times in per_query.values() for t in times]
    slowest = sorted(per_query.items(), key=lambda item: -statistics.median(item[1]))[:5]
    lines += [
        "",
        f"{len(QUERIES)} queries × {args.runs} passes through {path}:",
        f"median {statistics.median(every):.1f} ms, p95 {percentile(every, 0.95):.1f} ms, max {max(every):.1f} ms.",
        "",
        "Slowest queries (median ms): "
        + ", ".join(f"{q} {statistics.median(t):.0f}" for q, t in slowest),
    ]
    report = "\n".join(lines)
    print(report)
    (RESULTS / f"search-{connection.vendor}-{args.lang}.md").write_text(
        report + "\n", encoding="utf-8"
    )
    print(f"\n(database {url.split('@')[-1]})")


if __name__ == "__main__":
    main()
