#![allow(clippy::unwrap_used)]
fn main() {
    let c = rusqlite::Connection::open("/tmp/qp.db").unwrap();
    let sql = std::env::args().nth(1).unwrap();
    let t = std::time::Instant::now();
    for _ in 0..20 {
        let mut st = c.prepare_cached(&sql).unwrap();
        let _: i64 = st.query_row([], |r| r.get(0)).unwrap();
    }
    println!("{:?} per run", t.elapsed() / 20);
}
