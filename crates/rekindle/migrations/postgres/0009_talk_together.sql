-- "We've had our talk" is a two-person act: each partner confirms for themself, and the
-- meeting is held (meetings.done_at) once both have. A confirmation is shared.
CREATE TABLE meeting_confirmations (
    meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, owner_id)
);

-- "Before" (and, later, export) reads a person's own words by owner.
CREATE INDEX answers_by_owner ON answers(owner_id);
CREATE INDEX answer_replies_by_owner ON answer_replies(owner_id);
CREATE INDEX love_map_entries_by_owner ON love_map_entries(owner_id);
CREATE INDEX listening_moves_by_owner ON listening_moves(owner_id);
CREATE INDEX listening_notes_by_owner ON listening_notes(owner_id);
CREATE INDEX meeting_notes_by_owner ON meeting_notes(owner_id);

-- A session's name in people's words ("Firefox on Android"), taken from the
-- User-Agent at sign-in. The header itself is never stored.
ALTER TABLE sessions ADD COLUMN device TEXT;
