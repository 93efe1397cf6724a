namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Migration 9 of <see cref="PostgresSchema"/> (issue 17): an item save writes its orchestration's row only when the
/// derived status changes. Before, every save stamped the row's update time, and since that column and the status are
/// indexed, every save rewrote the row and added an entry to each of its six indexes. An item row now carries its own
/// update time (not indexed), which reads fold into the orchestration's (<see cref="OrchestrationRows"/>), and both
/// tables leave room in their pages so that updates of unindexed columns stay on the page (HOT: no index entries).
/// Like every migration, never edited once released.
/// </summary>
internal static class PostgresStatusOnChange
{
    public const string Sql = """
        ALTER TABLE orchestration_items ADD COLUMN updated_at timestamptz;
        ALTER TABLE orchestration_items SET (fillfactor = 80);
        ALTER TABLE orchestrations SET (fillfactor = 80);

        CREATE OR REPLACE FUNCTION save_orchestration_item(
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

            UPDATE orchestration_items i SET item = p_item, status = p_status, finished = p_finished, updated_at = p_now,
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
            IF v_after IS DISTINCT FROM v_before THEN
                UPDATE orchestrations SET updated_at = greatest(updated_at, p_now), process_status = v_after WHERE id = p_id;
            END IF;

            RETURN QUERY SELECT 'saved'::text, v_before, v_after;
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
