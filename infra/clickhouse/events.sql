-- The decision log on ClickHouse >= 22.2 and on the embedded chdb engine. One row per request.
-- Placeholders: {database}, {table}, {ttl} (empty, or "TTL time + INTERVAL n DAY").
--
-- A batch is acked only after its insert returned, so a crash between the two inserts it again.
-- ReplacingMergeTree keyed on request_id alone folds such copies (and a request re-decided after the
-- stream's duplicate window) into one row; readers use FINAL. The insert dedup token (per batch, from its
-- request ids) with non_replicated_deduplication_window drops an identical retried batch at insert time.
--
-- Columns are one per line: start-up adds any declared column that an older table lacks.
CREATE TABLE IF NOT EXISTS {database}.{table}
(
    request_id String,
    time_ms UInt64,
    time DateTime('UTC'),
    received_ms UInt64,
    mode LowCardinality(String),
    decision LowCardinality(String),
    threat_score Float64,
    branch_a_score Float64,
    branch_a_status LowCardinality(String),
    branch_b_score Float64,
    branch_b_status LowCardinality(String),
    branch_c_score Float64,
    branch_c_status LowCardinality(String),
    branch_names Array(String),
    branch_scores Array(Float64),
    branch_statuses Array(String),
    branch_latency_ms Array(Float64),
    categories Array(String),
    rules Array(String),
    pii_ran UInt8,
    pii_types Array(String),
    pii_counts Array(UInt32),
    pii_count UInt32,
    language LowCardinality(String),
    detection_ms Float64,
    pii_ms Float64,
    arbiter_ms Float64,
    total_ms Float64,
    config_version LowCardinality(String),
    api_key_id String,
    prompt_sha256 String,
    prompt String,
    prompt_chars UInt32,
    INDEX time_ms_idx time_ms TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY request_id
{ttl}
SETTINGS non_replicated_deduplication_window = 1000
