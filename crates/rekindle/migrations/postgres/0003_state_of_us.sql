-- The weekly "State of Us": the couple's chosen weekday (ISO: Monday 1 … Sunday 7),
-- one meeting per couple and day, and the notes both write for it (shared).

ALTER TABLE couples ADD COLUMN meeting_weekday INTEGER NOT NULL DEFAULT 7;

CREATE TABLE meetings (
    id         TEXT PRIMARY KEY,
    couple_id  TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    done_at    BIGINT,
    UNIQUE (couple_id, day)
);

CREATE TABLE meeting_notes (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT REFERENCES couples(id) ON DELETE SET NULL,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    section     TEXT NOT NULL CHECK (section IN ('went_well', 'talk_about', 'next_week')),
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX meeting_notes_by_meeting ON meeting_notes(meeting_id, created_at);
