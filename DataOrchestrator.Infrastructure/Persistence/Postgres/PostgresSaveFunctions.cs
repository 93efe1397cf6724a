namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Migration 8 of <see cref="PostgresSchema"/>: the database functions behind <see cref="PostgresItemSaves"/> and the
/// progress flush (issue 17: one round trip per durable item save, one per batch of progress). Kept beside their callers;
/// like every migration, never edited once released.
/// </summary>
internal static class PostgresSaveFunctions
{
    public const string Sql = """
        -- Issue 17: one round trip per durable item save, one per batch of progress. Each statement of a volatile
        -- function reads what committed before it, so a derived status counts every sibling saved meanwhile.
        -- p_stages: the unfinished item statuses, least advanced first; p_stage_statuses: the process status of an
        -- orchestration whose least advanced unfinished item is there (both from ProcessStatusRules).
        CREATE FUNCTION derived_process_status(p_id uuid, p_stages text[], p_stage_statuses text[])
        RETURNS text LANGUAGE sql STABLE AS $$
            SELECT CASE
                    WHEN bool_or(NOT i.finished) THEN p_stage_statuses[min(array_position(p_stages, i.status)) FILTER (WHERE NOT i.finished)]
                    WHEN bool_or(i.status = 'CANCELLED') THEN 'CANCELLED'
                    WHEN bool_and(i.status = 'SAVED') THEN 'COMPLETED'
                    WHEN bool_or(i.status = 'SAVED') THEN 'PARTIALLY_COMPLETED'
                    ELSE 'FAILED'
                END
            FROM orchestration_items i WHERE i.orchestration_id = p_id
        $$;

        -- A durable save: lock the orchestration row (saves of its items take turns), refuse an unfinished item once
        -- a cancel was requested, write the item if this instance holds its lease or nobody does (a finished item
        -- gives its lease up), then derive the orchestration's status and stamp its update time.
        CREATE FUNCTION save_orchestration_item(
            p_id uuid, p_index integer, p_item jsonb, p_status text, p_finished boolean, p_owner text, p_now timestamptz,
            p_stages text[], p_stage_statuses text[])
        RETURNS TABLE (outcome text, before_status text, after_status text)
        LANGUAGE plpgsql AS $$
        DECLARE
            v_before text;
            v_cancelled boolean;
            v_after text;
        BEGIN
            SELECT o.process_status, o.cancel_requested_at IS NOT NULL INTO v_before, v_cancelled
            FROM orchestrations o WHERE o.id = p_id FOR UPDATE;
            IF NOT FOUND THEN
                RETURN QUERY SELECT 'not_found'::text, NULL::text, NULL::text;
                RETURN;
            END IF;

            IF v_cancelled AND NOT p_finished THEN
                RETURN QUERY SELECT 'cancelled'::text, v_before, v_before;
                RETURN;
            END IF;

            UPDATE orchestration_items i SET item = p_item, status = p_status, finished = p_finished,
                lease_owner = CASE WHEN p_finished THEN NULL ELSE i.lease_owner END,
                lease_expires_at = CASE WHEN p_finished THEN NULL ELSE i.lease_expires_at END
            WHERE i.orchestration_id = p_id AND i.item_index = p_index AND (i.lease_owner IS NULL OR i.lease_owner = p_owner);
            IF NOT FOUND THEN
                RETURN QUERY SELECT
                    CASE WHEN EXISTS (SELECT 1 FROM orchestration_items i WHERE i.orchestration_id = p_id AND i.item_index = p_index)
                        THEN 'lease_lost' ELSE 'not_found' END,
                    v_before, v_before;
                RETURN;
            END IF;

            v_after := derived_process_status(p_id, p_stages, p_stage_statuses);
            UPDATE orchestrations SET updated_at = greatest(updated_at, p_now), process_status = v_after WHERE id = p_id;
            RETURN QUERY SELECT 'saved'::text, v_before, v_after;
        END
        $$;

        -- Progress of many items (unfinished statuses whose loss a resume repairs): written where the item is still
        -- unfinished, its orchestration not cancelled and its lease this instance's or nobody's; the orchestrations
        -- whose derived status changed are updated. Rows are locked in id order, as the durable saves lock them.
        CREATE FUNCTION save_item_progress(
            p_ids uuid[], p_indexes integer[], p_items jsonb[], p_statuses text[], p_owner text, p_now timestamptz,
            p_stages text[], p_stage_statuses text[])
        RETURNS integer
        LANGUAGE plpgsql AS $$
        DECLARE
            v_written integer;
        BEGIN
            PERFORM 1 FROM orchestrations o WHERE o.id = ANY (p_ids) AND o.cancel_requested_at IS NULL ORDER BY o.id FOR UPDATE;
            UPDATE orchestration_items i SET item = w.item, status = w.status
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
