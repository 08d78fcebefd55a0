-- After both have answered a question: a short reply thread and a heart from each.

CREATE TABLE answer_replies (
    id          TEXT PRIMARY KEY,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    prompt_id   TEXT NOT NULL,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX answer_replies_by_prompt ON answer_replies(couple_id, prompt_id, created_at);

CREATE TABLE answer_hearts (
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    prompt_id   TEXT NOT NULL,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (couple_id, prompt_id, owner_id)
);
