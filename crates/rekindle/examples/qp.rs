#![allow(clippy::unwrap_used)]
fn main() {
    let c = rusqlite::Connection::open("/tmp/qp.db").unwrap();
    let sql = std::fs::read_to_string(std::env::args().nth(1).unwrap_or("/tmp/qp.sql".into())).unwrap();
    let args: Vec<String> = std::fs::read_to_string("/tmp/qp.args").unwrap().lines().map(str::to_owned).collect();
    println!("sqlite {}", rusqlite::version());
    let mut st = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let k = st.parameter_count();
    let params: Vec<rusqlite::types::Value> = args.iter().map(|a| a.parse::<i64>().map(rusqlite::types::Value::Integer).unwrap_or_else(|_| rusqlite::types::Value::Text(a.clone()))).collect();
    let mut rows = st.query(rusqlite::params_from_iter(params.iter().take(k))).unwrap();
    while let Some(r) = rows.next().unwrap() { println!("{}", r.get::<_, String>(3).unwrap()); }
    drop(rows);
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..200 {
        let mut st = c.prepare_cached(&sql).unwrap();
        let k = st.parameter_count();
        let mut rows = st.query(rusqlite::params_from_iter(params.iter().take(k))).unwrap();
        while let Some(_r) = rows.next().unwrap() { n += 1; }
    }
    println!("{} rows, {:?} per run", n / 200, t.elapsed() / 200);
    let t = std::time::Instant::now();
    for _ in 0..50 { let _ = c.prepare(&sql).unwrap(); }
    println!("prepare: {:?}", t.elapsed() / 50);
}
