-- Issue 11 point 4 (90 days in <= 100 ms at 10 M messages): response-time counters keyed by a bounded duration
-- bucket instead of the exact minute, and without the hour, so their rows grow with days x buckets, not with the
-- number of answered waits. The median and p90 stay exact to the minute: the counters say which bucket holds the
-- rank and where in it, and one short index range read of response_times gives the value there.
-- docs/decisions/stats-08-response-time-buckets.md

-- The buckets' lower edges in minutes: every minute below one hour, then about 5 % wide (geometric steps that
-- end exactly at 4 h, 8 h, 24 h and 30 days, the dashboard's distribution edges and stats_response_minutes' cap),
-- and 43200 (30 days or more) on its own. 198 buckets. Never change them in place: the counters are keyed by them.
CREATE FUNCTION stats_response_bucket_edges() RETURNS INT[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,
    40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,
    60,63,66,69,73,76,80,84,88,92,97,102,106,112,117,123,129,135,142,149,156,164,172,180,189,198,208,218,229,
    240,251,263,276,289,302,317,332,347,364,381,399,418,438,458,
    480,503,528,554,581,609,639,671,703,738,774,812,851,893,937,983,1031,1081,1134,1190,1248,1309,1373,
    1440,1512,1587,1666,1749,1836,1927,2023,2124,2230,2341,2457,2580,2708,2843,2985,3133,3289,3453,3625,3805,3995,4194,
    4403,4622,4852,5093,5347,5613,5893,6186,6494,6817,7157,7513,7887,8280,8692,9125,9579,10056,10557,11082,11634,12213,
    12822,13460,14130,14834,15572,16347,17161,18016,18913,19854,20843,21881,22970,24114,25314,26575,27898,29287,30745,
    32276,33882,35569,37340,39199,41151,
    43200]::int[]
$$;

-- The bucket of a duration in whole minutes: its lower edge (what the counters' minutes column now holds).
CREATE FUNCTION stats_response_bucket(minutes INT) RETURNS INT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (stats_response_bucket_edges())[width_bucket(LEAST(43200, GREATEST(0, minutes)), stats_response_bucket_edges())]
$$;

-- The first minute after a bucket (exclusive upper bound), for the bucket whose lower edge is `lower`.
CREATE FUNCTION stats_response_bucket_end(lower INT) RETURNS INT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE((stats_response_bucket_edges())[width_bucket(LEAST(43200, GREATEST(0, lower)), stats_response_bucket_edges()) + 1], 43201)
$$;

-- Where the exact value inside a bucket is read: a tenant's rows of one kind in duration order, with ended_at (the
-- day they count on) and started_at and agent_id in the index, so the read is an index-only range scan.
CREATE INDEX idx_response_times_duration ON response_times
  (tenant_id, kind, stats_response_minutes(started_at, ended_at), ended_at) INCLUDE (started_at, agent_id);

-- Response times counted per local day (hour 0: nothing reads their hour) and duration bucket.
CREATE FUNCTION stats_count_response_buckets() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, agent_id, minutes, n)
    SELECT r.tenant_id, ((r.ended_at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone)::date, 0, r.kind, COALESCE(r.phone_number_id, ''),
           r.agent_id, stats_response_bucket(stats_response_minutes(r.started_at, r.ended_at)), COUNT(*)
    FROM new_rows r
    JOIN tenants t ON t.id = r.tenant_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
  ELSE
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, agent_id, minutes, n)
    SELECT r.tenant_id, ((r.ended_at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone)::date, 0, r.kind, COALESCE(r.phone_number_id, ''),
           r.agent_id, stats_response_bucket(stats_response_minutes(r.started_at, r.ended_at)), -COUNT(*)
    FROM old_rows r
    JOIN tenants t ON t.id = r.tenant_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
  END IF;
  RETURN NULL;
END;
$$;
DROP TRIGGER stats_response_times_inserted ON response_times;
DROP TRIGGER stats_response_times_deleted ON response_times;
DROP FUNCTION stats_count_response_times();
CREATE TRIGGER stats_response_times_inserted AFTER INSERT ON response_times REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_count_response_buckets();
CREATE TRIGGER stats_response_times_deleted AFTER DELETE ON response_times REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_count_response_buckets();

-- As V23's, with response times keyed as above (messages and conversations unchanged).
CREATE OR REPLACE FUNCTION stats_rebuild(target UUID) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE messages, conversations, response_times IN SHARE MODE;
  PERFORM pg_advisory_xact_lock(7446901);
  DELETE FROM stats_deltas WHERE tenant_id = target;
  DELETE FROM stats_counters WHERE tenant_id = target;
  INSERT INTO stats_counters (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id,
                              error_code, minutes, n)
  SELECT x.tenant_id, l.at::date, CASE WHEN x.hourly THEN EXTRACT(HOUR FROM l.at)::smallint ELSE 0 END, x.kind, x.phone_number_id,
         x.template_name, x.template_language, x.campaign_id, x.agent_id, x.code, x.minutes, COUNT(*)
  FROM (
    SELECT m.tenant_id, e.kind, e.at, COALESCE(m.phone_number_id, '') AS phone_number_id, stats_template_name(m.type, m.metadata) AS template_name,
           stats_template_language(m.type, m.metadata) AS template_language, m.campaign_id, m.sent_by_agent_id AS agent_id, e.code, 0 AS minutes,
           TRUE AS hourly
    FROM messages m
    CROSS JOIN LATERAL stats_message_events(m.direction, m.status, m.created_at, m.sent_at, m.delivered_at, m.read_at, m.failed_at, m.error_code) e
    WHERE m.tenant_id = target
    UNION ALL
    SELECT c.tenant_id, 'conversation', c.created_at, '', '', '', NULL, NULL, '', 0, TRUE
    FROM conversations c WHERE c.tenant_id = target AND c.created_at IS NOT NULL
    UNION ALL
    SELECT r.tenant_id, r.kind, r.ended_at, COALESCE(r.phone_number_id, ''), '', '', NULL, r.agent_id, '',
           stats_response_bucket(stats_response_minutes(r.started_at, r.ended_at)), FALSE
    FROM response_times r WHERE r.tenant_id = target
  ) x
  JOIN tenants t ON t.id = x.tenant_id
  CROSS JOIN LATERAL (SELECT (x.at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11;
END;
$$;

-- The counters and deltas already stored are re-keyed in one pass (sums per new key; their total is unchanged):
-- the exact minute becomes its bucket, the hour 0. Writers of the counters wait meanwhile, the folder too.
LOCK TABLE stats_counters, stats_deltas IN EXCLUSIVE MODE;
SELECT pg_advisory_xact_lock(7446901);
CREATE TEMPORARY TABLE stats_response_rekeyed ON COMMIT DROP AS
SELECT tenant_id, day, kind, phone_number_id, agent_id, stats_response_bucket(minutes) AS minutes, SUM(n) AS n
FROM (
  SELECT tenant_id, day, kind, phone_number_id, agent_id, minutes, n FROM stats_counters WHERE kind IN ('first_response', 'resolution')
  UNION ALL
  SELECT tenant_id, day, kind, phone_number_id, agent_id, minutes, n FROM stats_deltas WHERE kind IN ('first_response', 'resolution')
) x
GROUP BY 1, 2, 3, 4, 5, 6
HAVING SUM(n) <> 0;
DELETE FROM stats_counters WHERE kind IN ('first_response', 'resolution');
DELETE FROM stats_deltas WHERE kind IN ('first_response', 'resolution');
INSERT INTO stats_counters (tenant_id, day, hour, kind, phone_number_id, agent_id, minutes, n)
SELECT tenant_id, day, 0, kind, phone_number_id, agent_id, minutes, n FROM stats_response_rekeyed;
