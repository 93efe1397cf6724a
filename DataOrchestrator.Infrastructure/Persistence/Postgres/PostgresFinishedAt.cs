namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// Migration 12 of <see cref="PostgresSchema"/>: an item row's <c>finished_at</c> (the item's own, from its JSON) in a
/// column with a partial index, so GET /status/summary counts the items finished in a time range from the index
/// instead of reading every item's JSON (<see cref="PostgresSummary"/>). The column is set only by the durable save
/// that finishes an item and cleared by a retry (<see cref="PostgresRetries"/>); progress writes never touch it, so
/// they stay HOT updates (migration 9). <c>save_orchestration_item</c> is migration 9's with that one column added.
/// Like every migration, never edited once released.
/// </summary>
internal static class PostgresFinishedAt
{
    public const string Sql = """
        ALTER TABLE orchestration_items ADD COLUMN finished_at timestamptz;
        UPDATE orchestration_items SET finished_at = (item ->> 'FinishedAt')::timestamptz WHERE finished AND item ? 'FinishedAt';
        CREATE INDEX orchestration_items_finished_at ON orchestration_items (finished_at) WHERE finished_at IS NOT NULL;

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
                finished_at = CASE WHEN p_finished THEN (p_item ->> 'FinishedAt')::timestamptz END,
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
        """;
}
