"""`baithak check` on PostgreSQL: can we connect, is the schema migrated, does it answer sanely?"""

from __future__ import annotations

import asyncpg

from bot.storage.postgres.database import connect, describe
from bot.storage.postgres.migrations import MigrationError, status

# The triggers that keep the audit log and the evidence append-only: their absence is a problem.
GUARDS = ("report_audit_no_change", "report_intake_no_change", "report_cases_no_delete",
          "report_cases_transition", "report_cases_status_audit")
# A case's conversation (migration 0005) is its history too.
GUARDS += ("report_conversation_no_change", "report_conversation_no_truncate")
# Fact-checks are corrected, never edited nor deleted; the network's audit is append-only (0004).
GUARDS += ("factchecks_no_delete", "factchecks_fixed_text", "factcheck_corrections_no_change",
           "network_audit_no_change")


async def run_checks(url: str) -> tuple[list[str], list[str]]:
    """(what is fine, what is wrong) about the database at `url`. Raises DatabaseUnavailable (one
    line) when the server cannot be reached or refuses the credentials."""
    ok: list[str] = []
    problems: list[str] = []
    conn = await connect(url)
    try:
        where, user, dbname = describe(url)
        version = await conn.fetchval("SHOW server_version")
        ok.append(f"connected to PostgreSQL {version} at {where}, database {dbname!r} as {user!r}")
        try:
            st = await status(conn)
        except MigrationError as exc:
            problems.append(str(exc))
        else:
            if not st.applied:
                problems.append("the database has no tables yet: run `baithak migrate`")
                return ok, problems
            ok.append(f"{len(st.applied)} migration(s) applied")
            if st.pending:
                problems.append(f"{len(st.pending)} migration(s) pending: run `baithak migrate`")
        try:
            # A trivial integrity query: every table reads, constraints are all validated, the
            # append-only guards are in place.
            await conn.fetchval("SELECT count(*) FROM guild_settings")
            invalid = await conn.fetchval(
                "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                "WHERE n.nspname = current_schema() AND NOT c.convalidated")
            present = {r["tgname"] for r in await conn.fetch(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY($1::text[])",
                list(GUARDS))}
        except asyncpg.PostgresError as exc:
            problems.append(f"integrity query failed: {str(exc).splitlines()[0]}")
        else:
            (problems if invalid else ok).append(f"{invalid} unvalidated constraint(s)" if invalid
                                                 else "constraints validated")
            missing = [g for g in GUARDS if g not in present]
            if missing:
                problems.append(f"append-only trigger(s) missing: {', '.join(missing)}")
            else:
                ok.append("audit log and evidence guarded by triggers")
    finally:
        await conn.close()
    return ok, problems
