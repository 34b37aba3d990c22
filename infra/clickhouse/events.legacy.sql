-- The decision log on ClickHouse servers older than 22.2, down to 18.16 (Debian bookworm's package).
-- Placeholders: {database}, {table} ({ttl} is ignored: no TTL here).
--
-- Measured on 18.16: no DateTime64, LowCardinality only as an experiment, no TTL, no skip indexes without an
-- experimental flag, no query parameters, no insert_deduplication_token, no ALTER ... ADD COLUMN IF NOT EXISTS.
-- So: plain types, no retention (delete old partitions with ALTER TABLE ... DROP PARTITION), and
-- duplicates are folded by ReplacingMergeTree on request_id alone; readers use FINAL.
--
-- Columns are one per line: start-up adds any declared column that an older table lacks.
CREATE TABLE IF NOT EXISTS {database}.{table}
(
    request_id String,
    time_ms UInt64,
    time DateTime,
    received_ms UInt64,
    mode String,
    decision String,
    threat_score Float64,
    branch_a_score Float64,
    branch_a_status String,
    branch_b_score Float64,
    branch_b_status String,
    branch_c_score Float64,
    branch_c_status String,
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
    language String,
    detection_ms Float64,
    pii_ms Float64,
    arbiter_ms Float64,
    total_ms Float64,
    config_version String,
    api_key_id String,
    prompt_sha256 String,
    prompt String,
    prompt_chars UInt32
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY request_id
