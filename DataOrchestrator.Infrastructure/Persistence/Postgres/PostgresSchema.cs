using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// The database schema as numbered migrations, applied in order and recorded in <c>schema_migrations</c>. Never edit
/// a released migration; add the next one.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Serialises migrations of instances that start together (any constant unique to this service).</summary>
    public const long MigrationLockKey = 0x4F52_4348_4D49_4731;

    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "orchestrations, items and the work queue", """
            CREATE TABLE orchestrations (
                id uuid PRIMARY KEY,
                position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
                connector_address text NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL
            );

            -- One row per item: its state as JSON, plus the columns the queue and the listings query.
            CREATE TABLE orchestration_items (
                orchestration_id uuid NOT NULL REFERENCES orchestrations (id) ON DELETE CASCADE,
                item_index integer NOT NULL,
                queue_position bigint GENERATED ALWAYS AS IDENTITY,
                status text NOT NULL,
                finished boolean NOT NULL,
                item jsonb NOT NULL,
                lease_owner text,
                lease_expires_at timestamptz,
                PRIMARY KEY (orchestration_id, item_index)
            );

            -- The queue: unfinished items in submission order.
            CREATE INDEX orchestration_items_pending ON orchestration_items (queue_position) WHERE NOT finished;
            CREATE INDEX orchestration_items_lease_owner ON orchestration_items (lease_owner) WHERE lease_owner IS NOT NULL;
            """),
        (2, "process status and creation time for filtered listings", """
            ALTER TABLE orchestrations ADD COLUMN process_status text NOT NULL DEFAULT 'QUEUED';

            -- The same rule as ProcessStatusRules: the least advanced unfinished stage, else how many were saved.
            UPDATE orchestrations o SET process_status = agg.process_status
            FROM (
                SELECT orchestration_id,
                    CASE
                        WHEN bool_or(NOT finished) THEN (ARRAY['QUEUED', 'NEGOTIATION_REQUESTED', 'NEGOTIATED', 'TRANSFER_REQUESTED',
                            'TRANSFER_STARTED', 'DATA_ADDRESS_RETRIEVED', 'DOWNLOADING'])[least(7, min(array_position(ARRAY['QUEUED',
                            'NEGOTIATION_REQUESTED', 'NEGOTIATED', 'TRANSFER_REQUESTED', 'TRANSFER_STARTED', 'DATA_ADDRESS_RETRIEVED',
                            'DOWNLOADING'], status)) FILTER (WHERE NOT finished))]
                        WHEN bool_and(status = 'SAVED') THEN 'COMPLETED'
                        WHEN bool_or(status = 'SAVED') THEN 'PARTIALLY_COMPLETED'
                        ELSE 'FAILED'
                    END AS process_status
                FROM orchestration_items GROUP BY orchestration_id) agg
            WHERE o.id = agg.orchestration_id;

            CREATE INDEX orchestrations_status_position ON orchestrations (process_status, position);
            CREATE INDEX orchestrations_created_at ON orchestrations (created_at);
            """),
        (3, "idempotency keys of submissions", """
            CREATE TABLE idempotency_keys (
                key text PRIMARY KEY,
                fingerprint text NOT NULL,
                orchestration_id uuid NOT NULL REFERENCES orchestrations (id) ON DELETE CASCADE,
                expires_at timestamptz NOT NULL
            );
            CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
            """),
        (4, "cancellation requests", """
            ALTER TABLE orchestrations ADD COLUMN cancel_requested_at timestamptz;
            """),
        (5, "completion callbacks and their delivery state", """
            -- All null (attempts 0) when the request named no callbackUrl. The callback id sent is the orchestration id.
            -- callback_next_attempt_at: not before then (while PENDING); a claim moves it past the claim's end.
            ALTER TABLE orchestrations
                ADD COLUMN callback_url text,
                ADD COLUMN callback_state text,
                ADD COLUMN callback_attempts integer NOT NULL DEFAULT 0,
                ADD COLUMN callback_next_attempt_at timestamptz,
                ADD COLUMN callback_last_error text,
                ADD COLUMN callback_delivered_at timestamptz;

            -- Due callbacks: pending, of a finished orchestration, earliest first. Queries repeat this predicate to use it.
            CREATE INDEX orchestrations_callback_due ON orchestrations (callback_next_attempt_at)
                WHERE callback_state = 'PENDING' AND process_status IN ('COMPLETED', 'PARTIALLY_COMPLETED', 'FAILED', 'CANCELLED');
            """),
        (6, "finished orchestrations by update time, for retention", """
            CREATE INDEX IF NOT EXISTS orchestrations_finished_updated_at ON orchestrations (updated_at)
                WHERE process_status IN ('COMPLETED', 'PARTIALLY_COMPLETED', 'FAILED', 'CANCELLED');
            """),
        (7, "data flows of the consumer data plane (DPS) and registered control planes", """
            -- data_address holds the provider's token until the flow ends (then null). version: optimistic concurrency.
            CREATE TABLE data_flows (
                process_id text PRIMARY KEY,
                state text NOT NULL,
                claimed boolean NOT NULL,
                data_address text,
                callback_address text,
                reason text,
                version bigint NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL
            );
            CREATE INDEX data_flows_unclaimed ON data_flows (created_at) WHERE NOT claimed;
            CREATE INDEX data_flows_finished ON data_flows (updated_at) WHERE state IN ('COMPLETED', 'TERMINATED');

            CREATE TABLE control_planes (
                control_plane_id text PRIMARY KEY,
                endpoint text NOT NULL,
                authorization_json text,
                updated_at timestamptz NOT NULL
            );
            """),
        (8, "item saves in one statement, progress in batches", PostgresSaveFunctions.Sql),
        (9, "the orchestration row written only when its status changes; items carry their update time", PostgresStatusOnChange.Sql),
        (10, "durable item saves of concurrent workers in one statement and one commit", PostgresGroupSave.Sql),
        (11, "callback rounds: a retried orchestration's callback is delivered again under a new id", """
            -- 1 for the first terminal status; each client retry starts the next round (X-Callback-Id <id>.<round> from round 2).
            ALTER TABLE orchestrations ADD COLUMN callback_round integer NOT NULL DEFAULT 1;
            """),
        (12, "items' finish time in an indexed column, for the status summary", PostgresFinishedAt.Sql),
    ];

    /// <summary>
    /// The terminal process statuses (<c>ProcessStatusRules.IsTerminal</c>) as an SQL list, written out (not a parameter)
    /// so the planner can match the partial indexes of migrations 5 (due callbacks) and 6 (retention). Wire names are
    /// upper-case letters and underscores only, so quoting them is all it takes.
    /// </summary>
    public static string TerminalStatusList { get; } =
        $"({string.Join(", ", Enum.GetValues<ProcessStatus>().Where(s => s.IsTerminal()).Select(s => $"'{s.ToWireName()}'"))})";

    public const string CreateMigrationTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY,
            description text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;
}
