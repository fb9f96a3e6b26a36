"""Issue 2's baseline: 1,000 concurrent interactions on a static ephemeral reply, through the fake
server against the real bot process."""

from __future__ import annotations

from bench.common import BenchContext, row

N = 1000


async def run(ctx: BenchContext) -> list[dict]:
    async with ctx.session(name="baseline", members=200) as s:
        await s.baseline(50)  # warm-up: connections, caches
        load = await s.baseline(N)
    return [
        row("baseline static reply", "interactions/s", load.throughput, "/s", goal=f"{N} concurrent"),
        row("baseline static reply", "p50 to initial response", load.p50 * 1000, "ms"),
        row("baseline static reply", "p99 to initial response", load.p99 * 1000, "ms"),
        row("baseline static reply", "errors or unanswered", float(load.errors + load.unanswered), "",
            goal="0"),
    ]
