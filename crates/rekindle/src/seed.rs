//! `rekindle seed --couples N --days D`: realistic synthetic histories for trying the
//! app and for benchmarks. Each person has their own baseline, a weekly rhythm
//! (weekends a little warmer), missed days, and now and then a drift of a few weeks
//! followed by a recovery. Rows go in with batched multi-row inserts, a few hundred
//! rows per transaction, the fast path on both engines.

use std::fmt::Write as _;

use crate::db::{Backend, Conn, Db, Value, now_ms};
use crate::secret::new_id;
use anyhow::Context as _;
use jiff::ToSpan as _;

/// The password every seeded account shares (printed by the command).
pub const SEED_PASSWORD: &str = "seeded and steady";
const USERS: usize = 0;
const COUPLES: usize = 1;
const MEMBERS: usize = 2;
const CHECKINS: usize = 3;
const NOTES: usize = 4;
/// Rows per INSERT statement. SQLite slows down with thousands of bound parameters
/// per statement, PostgreSQL prefers large statements; measured with
/// `rekindle seed --couples 1000 --days 365` (BENCHMARKS.md).
const fn batch_rows(backend: Backend) -> usize {
    match backend {
        Backend::Sqlite => 40,
        Backend::Postgres => 400,
    }
}
/// Upper bound of rows kept before flushing.
const BATCH: usize = 400;

const ZONES: [&str; 6] = [
    "Europe/London",
    "America/New_York",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Europe/Berlin",
    "Australia/Sydney",
];

const NAMES: [&str; 16] = [
    "Sam", "Alex", "Robin", "Jo", "Kim", "Lee", "Noor", "Ari", "Sasha", "Mika", "Rene", "Tess",
    "Jules", "Priya", "Tomás", "Ines",
];

/// Seed appreciations: short, ordinary, warm.
const APPRECIATIONS: [&str; 12] = [
    "You made coffee before I woke up.",
    "Thank you for listening when I went on about work.",
    "The way you laughed at dinner.",
    "You remembered my appointment.",
    "Thanks for taking the bins out in the rain.",
    "You held my hand on the walk.",
    "I liked our slow Sunday morning.",
    "You called just to say hi.",
    "Thank you for being patient with me today.",
    "You cooked my favourite.",
    "The little note in my bag.",
    "You made space for me to rest.",
];

/// A small, fast, deterministic generator (SplitMix64); no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        #[expect(
            clippy::cast_precision_loss,
            reason = "53 random bits fit an f64 exactly"
        )]
        let v = (self.next() >> 11) as f64;
        v / (1u64 << 53) as f64
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        let i = usize::try_from(self.next() % items.len() as u64).unwrap_or(0);
        items[i]
    }
}

/// One person's tendencies.
struct Person {
    id: String,
    closeness: f64,
    mood: f64,
    miss: f64,
}

/// A drift episode in days-ago terms: [start, end) with depth.
struct Episode {
    start: i32,
    length: i32,
    depth: f64,
}

fn clamp_round(v: f64, max: u8) -> i64 {
    #[expect(clippy::cast_possible_truncation, reason = "clamped to 1..=max first")]
    let r = v.round().clamp(1.0, f64::from(max)) as i64;
    r
}

/// A multi-row INSERT with `cols` columns and `rows` rows.
fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let cols = columns.len();
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..cols {
            if c > 0 {
                sql.push_str(", ");
            }
            let _ = write!(sql, "${}", r * cols + c + 1);
        }
        sql.push(')');
    }
    sql
}

struct Batch {
    rows_per_statement: usize,
    table: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<Value<'static>>>,
}

impl Batch {
    fn new(backend: Backend, table: &'static str, columns: &'static [&'static str]) -> Self {
        Self {
            rows_per_statement: batch_rows(backend),
            table,
            columns,
            rows: Vec::with_capacity(BATCH),
        }
    }

    fn push(&mut self, row: Vec<Value<'static>>) {
        self.rows.push(row);
    }

    /// Writes everything collected, `rows_per_statement` rows per statement.
    fn flush(&mut self, c: &mut Conn) -> Result<(), crate::db::Error> {
        while !self.rows.is_empty() {
            let take = self.rows.len().min(self.rows_per_statement);
            let sql = insert_sql(self.table, self.columns, take);
            let values: Vec<Value<'static>> = self.rows.drain(..take).flatten().collect();
            c.execute(&sql, &values)?;
        }
        Ok(())
    }

    /// The collected rows, leaving this batch empty.
    fn take(&mut self) -> Self {
        Self {
            rows_per_statement: self.rows_per_statement,
            table: self.table,
            columns: self.columns,
            rows: std::mem::take(&mut self.rows),
        }
    }
}

/// All the batches, flushed together parents-first so foreign keys hold.
struct Batches([Batch; 5]);

impl Batches {
    fn pending(&self) -> usize {
        self.0.iter().map(|b| b.rows.len()).max().unwrap_or(0)
    }

    /// Writes everything collected in one transaction, parents first.
    async fn flush(&mut self, db: &Db) -> anyhow::Result<()> {
        let mut rows = Self(self.0.each_mut().map(Batch::take));
        db.write(move |c| {
            for b in &mut rows.0 {
                b.flush(c)?;
            }
            Ok::<_, crate::db::Error>(())
        })
        .await
        .context("inserting seeded rows")
    }
}

/// What was written.
pub struct Seeded {
    pub couples: usize,
    pub checkins: usize,
    pub first_email: String,
}

/// Writes `couples` couples with `days` days of history each, ending today.
pub async fn seed(db: &Db, couples: usize, days: i32, seed: u64) -> anyhow::Result<Seeded> {
    let password_hash = crate::auth::password::hash(SEED_PASSWORD.to_owned()).await?;
    let mut rng = Rng(seed);
    let run = new_id()[..6].to_lowercase();
    let now = now_ms();
    let formed = now - i64::from(days) * 86_400_000;
    let mut all = Batches([
        Batch::new(
            db.backend(),
            "users",
            &[
                "id",
                "email",
                "password_hash",
                "display_name",
                "timezone",
                "created_at",
            ],
        ),
        Batch::new(db.backend(), "couples", &["id", "timezone", "created_at"]),
        Batch::new(
            db.backend(),
            "couple_members",
            &["couple_id", "seat", "user_id", "joined_at"],
        ),
        Batch::new(
            db.backend(),
            "checkins",
            &[
                "id",
                "owner_id",
                "couple_id",
                "day",
                "closeness",
                "mood",
                "felt_heard",
                "appreciation",
                "created_at",
                "updated_at",
            ],
        ),
        Batch::new(
            db.backend(),
            "checkin_notes",
            &["checkin_id", "owner_id", "couple_id", "body"],
        ),
    ]);
    let mut written = 0usize;
    let first_email = format!("seed-{run}-0-a@example.test");
    for c in 0..couples {
        let couple_id = new_id();
        let zone = ZONES[c % ZONES.len()];
        all.0[COUPLES].push(vec![
            Value::from(couple_id.clone()),
            Value::from(zone.to_owned()),
            Value::from(formed),
        ]);
        let mut pair = Vec::new();
        for (seat, side) in [(1_i64, "a"), (2, "b")] {
            let person = Person {
                id: new_id(),
                closeness: 4.0 + rng.unit() * 2.0,
                mood: 3.0 + rng.unit() * 1.5,
                miss: 0.05 + rng.unit() * 0.25,
            };
            all.0[USERS].push(vec![
                Value::from(person.id.clone()),
                Value::from(format!("seed-{run}-{c}-{side}@example.test")),
                Value::from(password_hash.clone()),
                Value::from(rng.pick(&NAMES).to_owned()),
                Value::from(zone.to_owned()),
                Value::from(formed),
            ]);
            all.0[MEMBERS].push(vec![
                Value::from(couple_id.clone()),
                Value::from(seat),
                Value::from(person.id.clone()),
                Value::from(formed),
            ]);
            pair.push(person);
        }
        // Drift episodes shared by the couple: roughly one every four months.
        let mut episodes = Vec::new();
        let mut start = 0;
        while start < days {
            start += 20 + i32::try_from(rng.next() % 100).unwrap_or(0);
            episodes.push(Episode {
                start,
                length: 14 + i32::try_from(rng.next() % 21).unwrap_or(0),
                depth: 1.0 + rng.unit() * 1.5,
            });
        }
        let today = jiff::Timestamp::from_millisecond(now)?
            .to_zoned(jiff::tz::TimeZone::get(zone)?)
            .date();
        for person in &pair {
            for back in 0..days {
                if rng.unit() < person.miss {
                    continue;
                }
                let day = today.checked_sub(back.days())?;
                let weekend = matches!(
                    day.weekday(),
                    jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
                );
                let drift: f64 = episodes
                    .iter()
                    .filter(|e| back >= e.start - e.length && back < e.start)
                    .map(|e| {
                        // Deepest in the middle of the episode, easing in and out.
                        let pos = f64::from(e.start - back) / f64::from(e.length);
                        e.depth * (std::f64::consts::PI * pos).sin()
                    })
                    .sum();
                let lift = if weekend { 0.4 } else { 0.0 };
                let closeness = clamp_round(
                    person.closeness + lift - drift + (rng.unit() - 0.5) * 1.4,
                    7,
                );
                let mood = clamp_round(
                    person.mood + lift - drift * 0.6 + (rng.unit() - 0.5) * 1.4,
                    5,
                );
                let heard = clamp_round(3.5 - drift * 0.5 + (rng.unit() - 0.5) * 2.0, 5);
                let appreciation = (rng.unit() < 0.2).then(|| rng.pick(&APPRECIATIONS).to_owned());
                let id = new_id();
                let at = now - i64::from(back) * 86_400_000;
                if rng.unit() < 0.05 {
                    all.0[NOTES].push(vec![
                        Value::from(id.clone()),
                        Value::from(person.id.clone()),
                        Value::from(couple_id.clone()),
                        Value::from("A quiet note to myself.".to_owned()),
                    ]);
                }
                all.0[CHECKINS].push(vec![
                    Value::from(id),
                    Value::from(person.id.clone()),
                    Value::from(couple_id.clone()),
                    Value::from(day.to_string()),
                    Value::from(closeness),
                    Value::from(mood),
                    Value::from(heard),
                    Value::from(appreciation),
                    Value::from(at),
                    Value::from(at),
                ]);
                written += 1;
            }
        }
        if all.pending() >= BATCH.min(batch_rows(db.backend()) * 10) {
            all.flush(db).await?;
        }
    }
    all.flush(db).await?;
    // Fresh statistics after a bulk load, so the planner picks the indexes at once
    // (on PostgreSQL the 10,000-couple home page was 40% slower until autovacuum ran).
    db.execute("ANALYZE", vec![]).await.context("analyze")?;
    Ok(Seeded {
        couples,
        checkins: written,
        first_email,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batched_insert_numbers_every_placeholder() {
        assert_eq!(
            insert_sql("t", &["a", "b"], 2),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
    }

    #[test]
    fn the_generator_is_deterministic_and_in_range() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        for _ in 0..1000 {
            let x = a.unit();
            assert!((0.0..1.0).contains(&x));
            assert!((x - b.unit()).abs() < f64::EPSILON);
        }
        assert_eq!(clamp_round(9.2, 7), 7);
        assert_eq!(clamp_round(-3.0, 5), 1);
    }
}
