-- The question of the day: which prompt a couple got on which of its days, and each
-- partner's answer, sealed until both have answered.

CREATE TABLE daily_questions (
    couple_id  TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    prompt_id  TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (couple_id, day)
);
CREATE INDEX daily_questions_by_prompt ON daily_questions(couple_id, prompt_id);

CREATE TABLE answers (
    id          TEXT PRIMARY KEY,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'sealed' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    prompt_id   TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (couple_id, prompt_id, owner_id)
);
