//! Guide search measured on queries it was not written for: 60 searches with the
//! guides that rightly answer them, written by a helper who saw only the guides' titles
//! and summaries — never the search code, the keywords or the synonyms. The file is
//! frozen by its checksum; search is never tuned on it. This reports how often the
//! right guide comes first and in the first three, and holds those rates to the floors
//! below (set under the first measurement, so only a real regression fails).

use rekindle::features::guides::library;
use sha2::{Digest, Sha256};

const QUERIES: &str = include_str!("guide_queries.tsv");
const FROZEN_SHA256: &str = "534918f7abcdb1ea1a7187d386f28d8e8c8dd3ff841f4b4954de8bb30b45e4e7";

// First measured (2026-12-02): 46 of 60 first (77%), 55 of 60 in the first three (92%).
const TOP_1_FLOOR: f64 = 0.70;
const TOP_3_FLOOR: f64 = 0.85;

#[test]
fn search_finds_the_right_guide_for_queries_it_was_not_written_for() {
    let digest: String = Sha256::digest(QUERIES.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(digest, FROZEN_SHA256, "the evaluation set is frozen");

    let (mut total, mut first, mut top_three) = (0u32, 0u32, 0u32);
    let mut misses = Vec::new();
    for line in QUERIES.lines().filter(|l| !l.trim().is_empty()) {
        let (query, answers) = line.split_once('\t').expect("query<TAB>slugs");
        let answers: Vec<&str> = answers.split(',').map(str::trim).collect();
        let found: Vec<&str> = library()
            .search(query, None)
            .iter()
            .map(|h| h.guide.slug)
            .collect();
        total += 1;
        if found.first().is_some_and(|s| answers.contains(s)) {
            first += 1;
        }
        if found.iter().take(3).any(|s| answers.contains(s)) {
            top_three += 1;
        } else {
            misses.push(format!(
                "{query:?} → {:?}",
                found.iter().take(3).collect::<Vec<_>>()
            ));
        }
    }
    let rate = |n: u32| f64::from(n) / f64::from(total);
    println!(
        "guide search on {total} unseen queries: right guide first {first} ({:.0}%), in the first three {top_three} ({:.0}%)",
        rate(first) * 100.0,
        rate(top_three) * 100.0
    );
    for miss in &misses {
        println!("  not in the first three: {miss}");
    }
    assert!(rate(first) >= TOP_1_FLOOR, "top-1 fell to {first}/{total}");
    assert!(
        rate(top_three) >= TOP_3_FLOOR,
        "top-3 fell to {top_three}/{total}"
    );
}
