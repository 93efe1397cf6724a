namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Migration 10 of <see cref="PostgresSchema"/> (issue 17): several durable item saves in one statement and one commit
/// (<see cref="PostgresSaveBatches"/>). Each save is <c>save_orchestration_item</c>'s; a later save of the batch sees
/// the earlier ones. A statement that locks several rows of a table locks them in key order, so that two of them never
/// wait for each other (a deadlock, which PostgreSQL breaks after a second by failing one): orchestrations by id, items
/// by orchestration id and index, and an orchestration before its items. The batch saves in that order, and the
/// progress write (<c>save_item_progress</c>), which updated its items in whatever order the join produced, now locks
/// them in key order first; the lease statements do the same (<see cref="PostgresLeases"/>). Like every migration,
/// never edited once released.
/// </summary>
internal static class PostgresGroupSave
{
    public const string Sql = """
        CREATE FUNCTION save_orchestration_items(
            p_ids uuid[], p_indexes integer[], p_items jsonb[], p_statuses text[], p_finished boolean[], p_owner text,
            p_nows timestamptz[], p_stages text[], p_stage_statuses text[])
        RETURNS TABLE (ord bigint, outcome text, before_status text, after_status text)
        LANGUAGE plpgsql AS $$
        DECLARE
            r record;
        BEGIN
            FOR r IN
                SELECT w.ord, w.id, w.item_index, w.item, w.status, w.finished, w.now
                FROM unnest(p_ids, p_indexes, p_items, p_statuses, p_finished, p_nows)
                    WITH ORDINALITY AS w (id, item_index, item, status, finished, now, ord)
                ORDER BY w.id, w.item_index, w.ord
            LOOP
                RETURN QUERY SELECT r.ord, s.outcome, s.before_status, s.after_status
                FROM save_orchestration_item(r.id, r.item_index, r.item, r.status, r.finished, p_owner, r.now, p_stages, p_stage_statuses) s;
            END LOOP;
        END
        $$;

        CREATE OR REPLACE FUNCTION save_item_progress(
            p_ids uuid[], p_indexes integer[], p_items jsonb[], p_statuses text[], p_owner text, p_now timestamptz,
            p_stages text[], p_stage_statuses text[])
        RETURNS integer
        LANGUAGE plpgsql AS $$
        DECLARE
            v_written integer;
        BEGIN
            PERFORM 1 FROM orchestrations o WHERE o.id = ANY (p_ids) AND o.cancel_requested_at IS NULL ORDER BY o.id FOR UPDATE;
            PERFORM 1 FROM orchestration_items i JOIN unnest(p_ids, p_indexes) AS w (orchestration_id, item_index)
                ON i.orchestration_id = w.orchestration_id AND i.item_index = w.item_index
                JOIN orchestrations o ON o.id = i.orchestration_id AND o.cancel_requested_at IS NULL
            ORDER BY i.orchestration_id, i.item_index FOR NO KEY UPDATE OF i;
            UPDATE orchestration_items i SET item = w.item, status = w.status, updated_at = p_now
            FROM unnest(p_ids, p_indexes, p_items, p_statuses) AS w (orchestration_id, item_index, item, status), orchestrations o
            WHERE i.orchestration_id = w.orchestration_id AND i.item_index = w.item_index AND o.id = w.orchestration_id
                AND o.cancel_requested_at IS NULL AND NOT i.finished AND (i.lease_owner IS NULL OR i.lease_owner = p_owner);
            GET DIAGNOSTICS v_written = ROW_COUNT;
            UPDATE orchestrations o SET process_status = d.status, updated_at = greatest(o.updated_at, p_now)
            FROM (SELECT id, derived_process_status(id, p_stages, p_stage_statuses) AS status
                  FROM (SELECT DISTINCT unnest(p_ids) AS id) ids) d
            WHERE o.id = d.id AND o.process_status IS DISTINCT FROM d.status;
            RETURN v_written;
        END
        $$;
        """;
}
