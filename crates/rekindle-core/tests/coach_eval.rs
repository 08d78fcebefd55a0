//! The coach against the project's own labelled evaluation set (`tests/data/coach_eval.tsv`,
//! 305 original messages). Prints precision and recall per kind, harsh-message detection,
//! and how often a complaint scores gentler than the criticism on the same topic; fails
//! if any of these falls below the floor recorded here (regression protection, set a
//! little under the figures in BENCHMARKS.md).
//!
//! `cargo test -p rekindle-core --test coach_eval -- --nocapture` prints the table.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a malformed data file"
)]

use std::collections::BTreeSet;

use rekindle_core::coach::{Kind, analyse};

const DATA: &str = include_str!("data/coach_eval.tsv");
const KINDS: [Kind; 6] = [
    Kind::Criticism,
    Kind::Contempt,
    Kind::Blame,
    Kind::Defensiveness,
    Kind::Stonewalling,
    Kind::Demand,
];

struct Row {
    labels: BTreeSet<&'static str>,
    group: &'static str,
    text: &'static str,
}

fn rows() -> Vec<Row> {
    DATA.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.splitn(3, '\t');
            let labels = parts.next().unwrap();
            Row {
                labels: labels.split(',').filter(|k| *k != "none").collect(),
                group: parts.next().unwrap(),
                text: parts.next().unwrap(),
            }
        })
        .collect()
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn the_coach_meets_its_floors_on_the_evaluation_set() {
    let rows = rows();
    assert!(rows.len() >= 300, "at least 300 messages");
    let predictions: Vec<(BTreeSet<&str>, u8)> = rows
        .iter()
        .map(|r| {
            let a = analyse(r.text);
            (
                a.findings
                    .iter()
                    // This set's labels predate the sarcasm and insult kinds, which
                    // were split out of contempt: here they still count as contempt.
                    .map(|f| match f.kind {
                        Kind::Sarcasm | Kind::Insult => "contempt",
                        other => other.as_str(),
                    })
                    .filter(|k| *k != "absolute")
                    .collect(),
                a.gentleness,
            )
        })
        .collect();
    let mut report =
        String::from("| kind | labelled | precision | recall |\n|---|---:|---:|---:|\n");
    let mut floors_ok = true;
    for kind in KINDS {
        let k = kind.as_str();
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (r, (p, _)) in rows.iter().zip(&predictions) {
            match (r.labels.contains(k), p.contains(k)) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                (false, false) => {}
            }
        }
        let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
        report.push_str(&format!(
            "| {k} | {} | {precision:.2} | {recall:.2} |\n",
            tp + fn_
        ));
        floors_ok &= precision >= 0.80 && recall >= 0.80;
    }
    // Any harshness at all, message by message.
    let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
    for (r, (p, _)) in rows.iter().zip(&predictions) {
        match (!r.labels.is_empty(), !p.is_empty()) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => tn += 1,
        }
    }
    let harsh_precision = ratio(tp, tp + fp);
    let harsh_recall = ratio(tp, tp + fn_);
    // Complaint vs criticism on the same topic (consecutive rows).
    let mut pairs = 0;
    let mut gentler = 0;
    for w in rows.iter().zip(&predictions).collect::<Vec<_>>().windows(2) {
        if w[0].0.group == "complaint" && w[1].0.group == "criticism" {
            pairs += 1;
            if w[0].1.1 > w[1].1.1 {
                gentler += 1;
            }
        }
    }
    let mean = |g: &str| {
        let v: Vec<f64> = rows
            .iter()
            .zip(&predictions)
            .filter(|(r, _)| r.group == g)
            .map(|(_, p)| f64::from(p.1))
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    report.push_str(&format!(
        "\nharsh vs not: precision {harsh_precision:.2}, recall {harsh_recall:.2} ({tn} gentle or neutral messages left alone)\n\
         complaint gentler than its criticism: {gentler}/{pairs}\n\
         mean gentleness — warm {:.0}, complaint {:.0}, neutral {:.0}, demand {:.0}, defensiveness {:.0}, stonewalling {:.0}, criticism {:.0}, blame {:.0}, contempt {:.0}\n",
        mean("warm"), mean("complaint"), mean("neutral"), mean("demand"), mean("defensiveness"), mean("stonewalling"), mean("criticism"), mean("blame"), mean("contempt")
    ));
    eprintln!("{report}");
    for (r, (p, g)) in rows.iter().zip(&predictions) {
        let want: BTreeSet<&str> = r.labels.iter().copied().collect();
        if want != *p {
            eprintln!("  differs: {:?} → {:?} ({g}) {}", want, p, r.text);
        }
    }
    assert!(floors_ok, "a kind fell below 0.80 precision or recall");
    assert!(
        harsh_precision >= 0.95 && harsh_recall >= 0.95,
        "harsh detection fell"
    );
    assert_eq!(
        gentler, pairs,
        "every complaint should read gentler than its criticism"
    );
    assert!(
        mean("warm") > mean("neutral")
            && mean("neutral") > mean("demand")
            && mean("criticism") > mean("contempt")
    );
}
