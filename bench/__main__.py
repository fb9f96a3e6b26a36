"""`make bench`: run every bench/bench_*.py module and print one table.

`python -m bench [name ...]` runs only the named modules (e.g. `baseline events`)."""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
import sys
import time

import bench
from bench.common import BenchContext, cleanup, print_table, temp_root


def modules(selected: list[str]) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    names.remove("bench_baseline")
    names.insert(0, "bench_baseline")
    if selected:
        names = [n for n in names if n.removeprefix("bench_") in selected or n in selected]
    return names


async def main(selected: list[str]) -> int:
    root = temp_root()
    rows: list[dict] = []
    failed = 0
    try:
        for name in modules(selected):
            module = importlib.import_module(f"bench.{name}")
            started = time.perf_counter()
            print(f"running {name} ...", file=sys.stderr, flush=True)
            try:
                rows += await module.run(BenchContext(root))
            except Exception as exc:  # one broken benchmark must not hide the others' figures
                failed += 1
                print(f"{name} failed: {exc!r}", file=sys.stderr)
            print(f"  {name} took {time.perf_counter() - started:.1f}s", file=sys.stderr, flush=True)
    finally:
        cleanup(root)
    print_table(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
