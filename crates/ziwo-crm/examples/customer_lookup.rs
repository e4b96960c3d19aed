//! Looks a caller up in the Ziwo customer database by phone number, and creates a profile
//! linked to that number when there is none.
//!
//! ```sh
//! ZIWO_INSTANCE=acme ZIWO_ACCESS_TOKEN=... cargo run -p ziwo-crm --example customer_lookup -- 00971501234567
//! ```
//!
//! `ZIWO_BASE_URL` replaces the instance URL (a local sandbox or a recording proxy).

use ziwo_crm::models::Record;
use ziwo_crm::{Client, CustomerSearch, Entity};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let phone = std::env::args()
        .nth(1)
        .ok_or("usage: customer_lookup <phone>")?;
    // ZIWO_BASE_URL (a sandbox) or ZIWO_INSTANCE, and a token or a login.
    let client = Client::from_env()?;
    let found = client
        .customers()
        .search(&CustomerSearch::new().phone(&phone))
        .await?;
    if let Some(customer) = found.items.first() {
        println!(
            "known customer: {}",
            serde_json::to_string_pretty(customer)?
        );
        return Ok(());
    }
    let profile = client
        .profiles()
        .create(&Record::new().with("firstName", "Unknown caller"))
        .await?;
    let number = client
        .numbers()
        .create(&Record::new().with("number", phone.as_str()))
        .await?;
    if let (Some(profile_id), Some(number_id)) = (profile.id(), number.id()) {
        client
            .profiles()
            .link(&profile_id, Entity::Number, &number_id)
            .await?;
        println!("created profile {profile_id} with number {number_id}");
    }
    Ok(())
}
