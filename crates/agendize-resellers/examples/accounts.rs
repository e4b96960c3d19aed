//! Lists the reseller's enabled accounts created this year, and shows one account by e-mail.
//!
//! ```sh
//! AGENDIZE_API_KEY=... AGENDIZE_TOKEN=... cargo run -p agendize-resellers --example accounts -- jane@example.com
//! ```
//!
//! `AGENDIZE_BASE_URL` points the client elsewhere (a local sandbox or a recording proxy).

use agendize_resellers::accounts::AccountFilter;
use agendize_resellers::models::AccountStatus;
use agendize_resellers::Client;
use chrono::{Datelike, TimeZone, Utc};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // AGENDIZE_BASE_URL (a sandbox), and AGENDIZE_API_KEY + AGENDIZE_TOKEN or an access token.
    let client = Client::from_env()?;

    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?;
    let today = Utc
        .timestamp_opt(i64::try_from(now.as_secs())?, 0)
        .single()
        .ok_or("the clock is out of range")?;
    let year_start = Utc
        .with_ymd_and_hms(today.year(), 1, 1, 0, 0, 0)
        .single()
        .ok_or("no such date")?;
    let filter = AccountFilter::new()
        .status(AccountStatus::Enabled)
        .created_start_date(year_start);
    for account in client.accounts().list(&filter).await? {
        println!(
            "{:<12} {:<32} {}",
            account.id,
            account.email.as_deref().unwrap_or("-"),
            account
                .status
                .map(|status| status.to_string())
                .unwrap_or_default()
        );
    }

    if let Some(user_name) = std::env::args().nth(1) {
        let account = client.accounts().get(&user_name).await?;
        // Debug output never shows the account's SSO token.
        println!("{account:#?}");
    }
    Ok(())
}
