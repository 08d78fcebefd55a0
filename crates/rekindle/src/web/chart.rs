//! Hand-made SVG line charts for the dashboard: the 7-day rolling mean of each partner,
//! told apart by line style and label as well as colour, with a text summary and a
//! table fallback. Only geometry is computed here; the template draws it with classes
//! (no inline styles, so the strict CSP holds).

use rekindle_core::checkin::trend::TrendPoint;
use rekindle_core::words::short_day;

/// View box size; the SVG scales to its container.
pub const WIDTH: f64 = 320.0;
pub const HEIGHT: f64 = 150.0;
const LEFT: f64 = 26.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 24.0;

/// One person's line: polyline segments (gaps where there was no data yet), and the
/// lone days with no neighbour drawn as dots — a first check-in reads as a point.
pub struct Line {
    pub label: String,
    /// `me` or `partner`: selects the CSS class.
    pub who: &'static str,
    pub segments: Vec<String>,
    /// (x, y) of points that stand alone.
    pub dots: Vec<(String, String)>,
}

/// One row of the table fallback.
pub struct Row {
    pub day: String,
    pub mine: String,
    pub partner: String,
}

/// A ready-to-draw chart.
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    pub summary: String,
    pub lines: Vec<Line>,
    /// (y position, label) for the horizontal guides.
    pub guides: Vec<(String, u8)>,
    pub first_day: String,
    pub last_day: String,
    pub rows: Vec<Row>,
    pub has_partner: bool,
}

/// Writes `v` with one decimal, as `{v:.1}` would for the chart's (non-negative)
/// numbers, by way of whole tenths: formatting floats exactly was a twentieth of the
/// home page's time.
fn push_tenths(out: &mut String, v: f64) {
    use std::fmt::Write as _;
    #[expect(
        clippy::cast_possible_truncation,
        reason = "chart values and coordinates stay within a few hundred"
    )]
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.abs();
    let _ = write!(out, "{sign}{}.{}", tenths / 10, tenths % 10);
}

fn tenths(v: f64) -> String {
    let mut out = String::with_capacity(8);
    push_tenths(&mut out, v);
    out
}

fn y_for(value: f64, max: u8) -> f64 {
    let span = f64::from(max) - 1.0;
    TOP + (f64::from(max) - value) / span * (HEIGHT - TOP - BOTTOM)
}

fn segments(points: &[TrendPoint], max: u8) -> Vec<String> {
    let n = points.len().max(2) - 1;
    let step = (WIDTH - LEFT - RIGHT) / f64::from(u32::try_from(n).unwrap_or(1));
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, p) in points.iter().enumerate() {
        match p.rolling {
            Some(v) => {
                let x = LEFT + step * f64::from(u32::try_from(i).unwrap_or(0));
                if !current.is_empty() {
                    current.push(' ');
                }
                push_tenths(&mut current, x);
                current.push(',');
                push_tenths(&mut current, y_for(v, max));
            }
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Splits segments into real lines and lone points (a one-point line is invisible).
fn lines_and_dots(all: Vec<String>) -> (Vec<String>, Vec<(String, String)>) {
    let (lines, lone): (Vec<String>, Vec<String>) = all.into_iter().partition(|s| s.contains(' '));
    let dots = lone
        .iter()
        .filter_map(|s| s.split_once(','))
        .map(|(x, y)| (x.to_owned(), y.to_owned()))
        .collect();
    (lines, dots)
}

fn fmt(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_owned(), tenths)
}

/// How one person's line went, in words a person would say ("you stayed around 5",
/// "Alex rose from about 3 to about 5"), never as decimals to compare.
fn describe(name: &str, points: &[TrendPoint]) -> Option<String> {
    let values: Vec<f64> = points.iter().filter_map(|p| p.rolling).collect();
    let (&first, &last) = (values.first()?, values.last()?);
    #[expect(clippy::cast_possible_truncation, reason = "a 1–7 scale")]
    let about = |v: f64| (v.round() as i64).to_string();
    if values.len() == 1 {
        return Some(format!("{name} started at {}", about(first)));
    }
    let change = last - first;
    Some(if change.abs() < 0.5 {
        format!("{name} stayed around {}", about(last))
    } else if about(first) == about(last) {
        let way = if change > 0.0 { "rose" } else { "dipped" };
        format!("{name} {way} a little, staying around {}", about(last))
    } else if change > 0.0 {
        format!(
            "{name} rose from about {} to about {}",
            about(first),
            about(last)
        )
    } else {
        format!(
            "{name} went from about {} to about {}",
            about(first),
            about(last)
        )
    })
}

/// Builds a chart for one measure (closeness 1–7 or mood 1–5).
pub fn build(
    id: &'static str,
    title: &str,
    max: u8,
    mine: &[TrendPoint],
    partner: Option<(&str, &[TrendPoint])>,
) -> Chart {
    let line = |label: &str, who, points| {
        let (segments, dots) = lines_and_dots(segments(points, max));
        Line {
            label: label.to_owned(),
            who,
            segments,
            dots,
        }
    };
    let mut lines = vec![line("You", "me", mine)];
    let mut parts: Vec<String> = describe("you", mine).into_iter().collect();
    if let Some((name, points)) = partner {
        lines.push(line(name, "partner", points));
        parts.extend(describe(name, points));
    }
    let summary = if parts.is_empty() {
        "No check-ins in this range yet.".to_owned()
    } else {
        format!(
            "Over these days (as 7-day averages), {}.",
            parts.join(", and ")
        )
    };
    let guides = (1..=max)
        .filter(|v| *v == 1 || *v == max || (*v == max.div_ceil(2)))
        .map(|v| (tenths(y_for(f64::from(v), max)), v))
        .collect();
    let partner_points = partner.map(|(_, p)| p);
    let rows = mine
        .iter()
        .enumerate()
        .filter(|(i, _)| (mine.len() - 1 - i).is_multiple_of(7))
        .map(|(i, p)| Row {
            day: p.day.to_string(),
            mine: fmt(p.rolling),
            partner: fmt(partner_points
                .and_then(|pp| pp.get(i))
                .and_then(|q| q.rolling)),
        })
        .collect();
    Chart {
        id,
        title: title.to_owned(),
        summary,
        lines,
        guides,
        first_day: mine.first().map(|p| short_day(p.day)).unwrap_or_default(),
        last_day: mine.last().map(|p| short_day(p.day)).unwrap_or_default(),
        rows,
        has_partner: partner.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn point(d: i8, rolling: Option<f64>) -> TrendPoint {
        TrendPoint {
            day: date(2026, 1, d),
            value: None,
            rolling,
        }
    }

    #[test]
    fn tenths_read_as_one_decimal_would() {
        for v in [
            0.0, 0.04, 0.05, 1.0, 3.25, 26.0, 68.0, 121.333, 126.0, 299.96,
        ] {
            assert_eq!(
                tenths(v),
                format!("{:.1}", (v * 10.0_f64).round() / 10.0),
                "{v}"
            );
        }
        assert_eq!(tenths(121.333), "121.3");
        assert_eq!(tenths(4.0 / 3.0), "1.3");
        assert_eq!(tenths(-0.5), "-0.5");
    }

    #[test]
    fn gaps_split_the_line_and_values_map_inside_the_box() {
        let pts = vec![
            point(1, Some(7.0)),
            point(2, Some(1.0)),
            point(3, None),
            point(4, Some(4.0)),
        ];
        let segs = segments(&pts, 7);
        assert_eq!(segs.len(), 2);
        assert_eq!(
            segs[0],
            format!(
                "{LEFT:.1},{TOP:.1} {:.1},{:.1}",
                LEFT + (WIDTH - LEFT - RIGHT) / 3.0,
                HEIGHT - BOTTOM
            )
        );
        let (lines, dots) = lines_and_dots(segs);
        assert_eq!(lines.len(), 1);
        assert_eq!(
            dots,
            vec![(
                format!("{:.1}", WIDTH - RIGHT),
                format!("{:.1}", y_for(4.0, 7))
            )],
            "a lone point is a dot"
        );
    }

    #[test]
    fn a_first_check_in_is_a_point_and_summaries_read_as_words() {
        let chart = build("mood", "Mood", 5, &[point(1, Some(4.0))], None);
        assert!(chart.lines[0].segments.is_empty());
        assert_eq!(chart.lines[0].dots.len(), 1);
        assert_eq!(
            chart.summary,
            "Over these days (as 7-day averages), you started at 4."
        );
        assert_eq!(chart.first_day, "1 Jan");
        let rising: Vec<_> = (1..=5).map(|d| point(d, Some(f64::from(d)))).collect();
        let flat: Vec<_> = (1..=5).map(|d| point(d, Some(2.0))).collect();
        let chart = build("mood", "Mood", 5, &flat, Some(("Alex", &rising)));
        assert_eq!(
            chart.summary,
            "Over these days (as 7-day averages), you stayed around 2, and Alex rose from about 1 to about 5."
        );
        assert!(!chart.summary.contains(".0"));
    }

    #[test]
    fn summary_and_table_describe_the_data() {
        let mine: Vec<_> = (1..=15).map(|d| point(d, Some(5.0))).collect();
        let chart = build("closeness", "Closeness", 7, &mine, None);
        assert!(chart.summary.contains("you stayed around 5"));
        assert_eq!(chart.rows.len(), 3, "every 7th day, ending today");
        assert_eq!(chart.rows.last().unwrap().day, "2026-01-15");
    }
}
