-- Media: the bytes of customers' photos, documents, voice notes and videos, and of the agents' own files.
-- See docs/decisions/media-01-bytes-in-postgresql.md (bytea, not large objects) and media-02-download-jobs.md.

-- A tenant's storage cap for media bytes (default 2 GiB); the inbox shows the total against it.
ALTER TABLE tenants
  ADD COLUMN media_quota_bytes BIGINT NOT NULL DEFAULT 2147483648 CHECK (media_quota_bytes > 0);

-- One row per tenant and content hash: the same photo sent ten times is stored once.
-- store says where the bytes are: 'database' (content holds them) or 'folder' (a file named by the hash).
CREATE TABLE media_files (
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  sha256 CHAR(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  mime_type VARCHAR(120) NOT NULL,
  size_bytes BIGINT NOT NULL CHECK (size_bytes >= 0),
  store VARCHAR(10) NOT NULL CHECK (store IN ('database', 'folder')),
  content BYTEA,
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  PRIMARY KEY (tenant_id, sha256),
  CHECK ((store = 'database') = (content IS NOT NULL))
);
-- Photos, PDFs and voice notes are compressed already: TOAST compression would only burn CPU, and
-- uncompressed out-of-line storage lets substring() read a slice without reading the whole value.
ALTER TABLE media_files ALTER COLUMN content SET STORAGE EXTERNAL;

-- Inbound media waiting to be fetched from Meta: one job per message, queued by the trigger below in the
-- transaction that stores the message, worked with FOR UPDATE SKIP LOCKED.
CREATE TABLE media_downloads (
  message_id UUID PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  media_id VARCHAR(200) NOT NULL,
  kind VARCHAR(30) NOT NULL,
  declared_mime VARCHAR(120),
  expected_sha256 VARCHAR(100),
  animated BOOLEAN NOT NULL DEFAULT FALSE,
  status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMP NOT NULL DEFAULT NOW(),
  last_error TEXT,
  sha256 CHAR(64),
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMP NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_media_downloads_due ON media_downloads(next_attempt_at) WHERE status = 'pending';
CREATE INDEX idx_media_downloads_tenant ON media_downloads(tenant_id, created_at DESC);

-- What Meta calls an uploaded file, per sending number: a retry or a second send of the same file reuses the id
-- (Meta keeps uploads 30 days; ids older than 29 days are uploaded again).
CREATE TABLE media_uploads (
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  sha256 CHAR(64) NOT NULL,
  phone_number_id VARCHAR(64) NOT NULL,
  media_id VARCHAR(200) NOT NULL,
  uploaded_at TIMESTAMP NOT NULL DEFAULT NOW(),
  PRIMARY KEY (tenant_id, sha256, phone_number_id),
  FOREIGN KEY (tenant_id, sha256) REFERENCES media_files(tenant_id, sha256) ON DELETE CASCADE
);

CREATE FUNCTION media_enqueue_download() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF jsonb_typeof(NEW.metadata) = 'object' AND jsonb_typeof(NEW.metadata->'media') = 'object'
     AND COALESCE(NEW.metadata->'media'->>'id', '') <> '' THEN
    INSERT INTO media_downloads (tenant_id, message_id, media_id, kind, declared_mime, expected_sha256, animated)
    VALUES (NEW.tenant_id, NEW.id, left(NEW.metadata->'media'->>'id', 200), NEW.content_type,
            left(NEW.metadata->'media'->>'mime_type', 120), left(NEW.metadata->'media'->>'sha256', 100),
            COALESCE(NEW.metadata->'media'->>'animated', 'false') = 'true')
    ON CONFLICT (message_id) DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$;

-- The WHEN clause keeps text messages (most of them) from ever calling the function.
CREATE TRIGGER messages_media_download AFTER INSERT ON messages
  FOR EACH ROW WHEN (NEW.direction = 'inbound' AND NEW.content_type IN ('image', 'document', 'audio', 'video', 'sticker'))
  EXECUTE FUNCTION media_enqueue_download();
