-- A report for a therapist: a period of what the couple shared, which either partner
-- may redact and both must approve (for its current version) before it can be
-- downloaded. Only shared items are ever in it; they are read when shown.
CREATE TABLE reports (
    id          TEXT PRIMARY KEY,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility = 'shared'),
    unsealed_at BIGINT,
    from_day    TEXT NOT NULL,
    to_day      TEXT NOT NULL,
    -- Every redaction makes a new version; an approval is for one version.
    version     BIGINT NOT NULL DEFAULT 1,
    created_at  BIGINT NOT NULL
);
CREATE INDEX reports_by_couple ON reports(couple_id, created_at);
CREATE INDEX reports_by_owner ON reports(owner_id);

-- An item taken out of a report, and who took it out.
CREATE TABLE report_redactions (
    report_id   TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    item        TEXT NOT NULL,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility = 'shared'),
    unsealed_at BIGINT,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (report_id, item)
);
CREATE INDEX report_redactions_by_owner ON report_redactions(owner_id);

-- Each partner's approval of a report's version.
CREATE TABLE report_approvals (
    report_id   TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility = 'shared'),
    unsealed_at BIGINT,
    version     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (report_id, owner_id)
);
CREATE INDEX report_approvals_by_owner ON report_approvals(owner_id);
