//! The fair-split sheet as CONTRACT.md defines it — its checks (each refusal one clear
//! line, for the CLI's exit 2 and the API's 422) and its answer, the same for the
//! command line, the API and the app.

use serde::{Deserialize, Serialize};

use super::adjusted_winner::{self, Split};

/// The most items a sheet may hold.
pub const MAX_ITEMS: usize = 200;
/// The longest name of an item or a partner, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// What is divided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Points say how much each partner wants an item.
    Goods,
    /// Points say how much each partner dislikes doing a chore.
    Chores,
}

impl Mode {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Goods => "goods",
            Self::Chores => "chores",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "goods" => Some(Self::Goods),
            "chores" => Some(Self::Chores),
            _ => None,
        }
    }
}

/// A sheet as sent (JSON).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Sheet {
    pub mode: String,
    pub partners: Vec<String>,
    pub items: Vec<SheetItem>,
}

/// One item with each partner's points.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SheetItem {
    pub name: String,
    pub points: Vec<i64>,
}

/// A sheet that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valid {
    pub mode: Mode,
    pub partners: [String; 2],
    pub names: Vec<String>,
    pub points: Vec<[u32; 2]>,
}

/// Why a sheet was refused, as one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SheetError(pub String);

fn refuse<T>(message: impl Into<String>) -> Result<T, SheetError> {
    Err(SheetError(message.into()))
}

fn name_ok(name: &str) -> bool {
    !name.trim().is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && !name.chars().any(char::is_control)
}

impl Sheet {
    /// Every rule of CONTRACT.md, in the order a person would fix them.
    pub fn validate(&self) -> Result<Valid, SheetError> {
        let Some(mode) = Mode::parse(&self.mode) else {
            return refuse(format!(
                "mode must be \"goods\" or \"chores\", not {:?}",
                self.mode
            ));
        };
        let [a, b] = self.partners.as_slice() else {
            return refuse(format!(
                "partners must name exactly two people, not {}",
                self.partners.len()
            ));
        };
        if !name_ok(a) || !name_ok(b) {
            return refuse(format!(
                "each partner needs a name of 1 to {MAX_NAME_CHARS} characters on one line"
            ));
        }
        if a.trim() == b.trim() {
            return refuse(format!(
                "the two partners need different names (both are {a:?})"
            ));
        }
        if self.items.is_empty() {
            return refuse("items is empty: list at least one item");
        }
        if self.items.len() > MAX_ITEMS {
            return refuse(format!(
                "at most {MAX_ITEMS} items, not {}",
                self.items.len()
            ));
        }
        let mut names: Vec<String> = Vec::with_capacity(self.items.len());
        let mut points = Vec::with_capacity(self.items.len());
        for (n, item) in self.items.iter().enumerate() {
            if !name_ok(&item.name) {
                return refuse(format!(
                    "item {} needs a name of 1 to {MAX_NAME_CHARS} characters on one line",
                    n + 1
                ));
            }
            if names.iter().any(|x| x.trim() == item.name.trim()) {
                return refuse(format!(
                    "item names must differ: {:?} appears twice",
                    item.name
                ));
            }
            let [p, q] = item.points.as_slice() else {
                return refuse(format!(
                    "item {:?} needs exactly two points, one per partner, not {}",
                    item.name,
                    item.points.len()
                ));
            };
            let to_points = |x: i64| u32::try_from(x).ok().filter(|x| *x <= 100);
            let (Some(p), Some(q)) = (to_points(*p), to_points(*q)) else {
                return refuse(format!(
                    "item {:?}: points are whole numbers from 0 to 100",
                    item.name
                ));
            };
            names.push(item.name.clone());
            points.push([p, q]);
        }
        for (k, who) in [a, b].iter().enumerate() {
            let sum: u32 = points.iter().map(|p: &[u32; 2]| p[k]).sum();
            if sum != 100 {
                return refuse(format!("{who}'s points add up to {sum}, not 100"));
            }
        }
        Ok(Valid {
            mode,
            partners: [a.clone(), b.clone()],
            names,
            points,
        })
    }
}

/// The answer, shaped as CONTRACT.md shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub method: &'static str,
    pub mode: &'static str,
    pub partners: [String; 2],
    pub items: Vec<ItemShares>,
    pub points: [String; 2],
    pub split_item: Option<String>,
}

/// One item's shares, as reduced fraction strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemShares {
    pub name: String,
    pub shares: [String; 2],
}

impl Valid {
    /// Adjusted Winner for this sheet's mode.
    #[must_use]
    pub fn split(&self) -> Split {
        match self.mode {
            Mode::Goods => adjusted_winner::goods(&self.points),
            Mode::Chores => adjusted_winner::chores(&self.points),
        }
    }

    /// The division, in the contract's shape.
    #[must_use]
    pub fn outcome(&self) -> Outcome {
        let s = self.split();
        Outcome {
            method: "adjusted-winner",
            mode: self.mode.as_str(),
            partners: self.partners.clone(),
            items: self
                .names
                .iter()
                .zip(&s.shares)
                .map(|(name, sh)| ItemShares {
                    name: name.clone(),
                    shares: sh.map(|r| r.to_string()),
                })
                .collect(),
            points: s.points.map(|r| r.to_string()),
            split_item: s.split_item.map(|i| self.names[i].clone()),
        }
    }
}

/// A division in words: one line per item ("Dishes: Sam 10% of the time, Alex 90%"),
/// then why it is fair.
#[must_use]
pub fn in_words(v: &Valid, s: &Split) -> (Vec<String>, String) {
    let [a, b] = &v.partners;
    let lines = v
        .names
        .iter()
        .zip(&s.shares)
        .map(|(name, sh)| {
            let (pa, pb) = (sh[0].percent(), sh[1].percent());
            match (v.mode, pa, pb) {
                (Mode::Goods, 100, _) => format!("{name}: {a}"),
                (Mode::Goods, _, 100) => format!("{name}: {b}"),
                (Mode::Goods, _, _) => format!("{name}: shared — {a} {pa}%, {b} {pb}%"),
                (Mode::Chores, 100, _) => format!("{name}: {a} does it"),
                (Mode::Chores, _, 100) => format!("{name}: {b} does it"),
                (Mode::Chores, _, _) => {
                    format!("{name}: {a} {pa}% of the time, {b} {pb}%")
                }
            }
        })
        .collect();
    let each = if s.points[0].denom() == 1 {
        s.points[0].to_string()
    } else {
        s.points[0].two_decimals()
    };
    let shared = s.split_item.map_or_else(
        || "Nothing needs sharing.".to_owned(),
        |i| format!("Only {} is shared.", v.names[i]),
    );
    let why = match v.mode {
        Mode::Goods => format!(
            "It's fair by each of your own measures: you each end with {each} of your own 100 points — the same for both of you, and at least half. Neither of you would rather have the other's part. {shared}"
        ),
        Mode::Chores => format!(
            "It's fair by each of your own measures: you each carry {each} of your own 100 points of dislike — the same for both of you, and at most half. Neither of you would rather swap. {shared}"
        ),
    };
    (lines, why)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(json: &str) -> Result<Valid, SheetError> {
        serde_json::from_str::<Sheet>(json).unwrap().validate()
    }

    #[test]
    fn the_contract_example_answers_exactly() {
        let v = sheet(
            r#"{"mode": "goods", "partners": ["Sam", "Alex"],
                "items": [{"name": "Home", "points": [45, 30]}, {"name": "Car", "points": [30, 20]},
                          {"name": "Piano", "points": [25, 50]}]}"#,
        )
        .unwrap();
        let out = serde_json::to_value(v.outcome()).unwrap();
        assert_eq!(
            out,
            serde_json::json!({"method": "adjusted-winner", "mode": "goods", "partners": ["Sam", "Alex"],
                "items": [{"name": "Home", "shares": ["2/3", "1/3"]}, {"name": "Car", "shares": ["1", "0"]},
                          {"name": "Piano", "shares": ["0", "1"]}],
                "points": ["60", "60"], "split_item": "Home"})
        );
        let (lines, why) = in_words(&v, &v.split());
        assert_eq!(
            lines,
            [
                "Home: shared — Sam 67%, Alex 33%",
                "Car: Sam",
                "Piano: Alex"
            ]
        );
        assert!(why.contains("60 of your own 100 points") && why.contains("Only Home is shared."));
    }

    #[test]
    fn every_rule_has_its_one_line() {
        let base = |mode: &str, partners: &str, items: &str| {
            format!(r#"{{"mode": {mode}, "partners": {partners}, "items": {items}}}"#)
        };
        let ok_items = r#"[{"name": "A", "points": [60, 40]}, {"name": "B", "points": [40, 60]}]"#;
        for (json, expect) in [
            (
                base(r#""things""#, r#"["S","A"]"#, ok_items),
                "mode must be",
            ),
            (
                base(r#""goods""#, r#"["S"]"#, ok_items),
                "exactly two people",
            ),
            (
                base(r#""goods""#, r#"["S","S"]"#, ok_items),
                "different names",
            ),
            (base(r#""goods""#, r#"["S",""]"#, ok_items), "needs a name"),
            (base(r#""goods""#, r#"["S","A"]"#, "[]"), "items is empty"),
            (
                base(
                    r#""goods""#,
                    r#"["S","A"]"#,
                    r#"[{"name": "A", "points": [60, 40]}, {"name": "A", "points": [40, 60]}]"#,
                ),
                "appears twice",
            ),
            (
                base(
                    r#""goods""#,
                    r#"["S","A"]"#,
                    r#"[{"name": "A", "points": [110, -10]}, {"name": "B", "points": [-10, 110]}]"#,
                ),
                "whole numbers from 0 to 100",
            ),
            (
                base(
                    r#""goods""#,
                    r#"["S","A"]"#,
                    r#"[{"name": "A", "points": [60, 40]}, {"name": "B", "points": [30, 60]}]"#,
                ),
                "S's points add up to 90, not 100",
            ),
            (
                base(
                    r#""goods""#,
                    r#"["S","A"]"#,
                    r#"[{"name": "A", "points": [100]}]"#,
                ),
                "exactly two points",
            ),
        ] {
            let err = sheet(&json).unwrap_err().to_string();
            assert!(err.contains(expect), "{json}: {err}");
            assert!(!err.contains('\n'));
        }
        let many: Vec<String> = (0..201)
            .map(|i| format!(r#"{{"name": "i{i}", "points": [0, 0]}}"#))
            .collect();
        let json = base(
            r#""goods""#,
            r#"["S","A"]"#,
            &format!("[{}]", many.join(",")),
        );
        assert!(
            sheet(&json)
                .unwrap_err()
                .to_string()
                .contains("at most 200 items")
        );
    }
}
