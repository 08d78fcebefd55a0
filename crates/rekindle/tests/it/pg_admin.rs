//! Test databases on the PostgreSQL server: made through its admin database with a
//! fresh name, and dropped (forcefully: a server under test may still hold
//! connections) when the test is done. Shared by the `it`, durability and schemathesis
//! binaries.

/// The admin database (`REKINDLE_TEST_POSTGRES_URL`, else the local server's).
pub fn admin_url() -> String {
    std::env::var("REKINDLE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// Runs statements on the admin database.
pub async fn admin_sql(sql: &str) -> Result<(), tokio_postgres::Error> {
    let (client, connection) = tokio_postgres::connect(&admin_url(), tokio_postgres::NoTls).await?;
    let driver = tokio::spawn(connection);
    let done = client.batch_execute(sql).await;
    drop(client);
    let _ = driver.await;
    done
}

/// The URL of database `name` on the same server.
pub fn url_of(name: &str) -> String {
    let mut url = url::Url::parse(&admin_url()).expect("postgres url");
    url.set_path(name);
    url.to_string()
}

/// Creates an empty database named `PREFIX_<unique>` and returns its name.
pub async fn create(prefix: &str) -> Result<String, tokio_postgres::Error> {
    let name = format!(
        "{prefix}_{}",
        rekindle::secret::new_id()
            .to_lowercase()
            .replace(['-', '_'], "x")
    );
    admin_sql(&format!("CREATE DATABASE \"{name}\"")).await?;
    Ok(name)
}

/// Drops database `name`, best effort, on a runtime of its own (this may run in a
/// `Drop` inside a test's runtime, or after it is gone).
pub fn drop_now(name: &str) {
    let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    let _ = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        rt.block_on(admin_sql(&sql)).ok()
    })
    .join();
}
