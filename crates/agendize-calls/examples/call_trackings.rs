//! Lists the account's call tracking numbers, then shows how a service decodes what a watch
//! delivers.
//!
//! ```sh
//! AGENDIZE_API_KEY=... AGENDIZE_TOKEN=... cargo run -p agendize-calls --example call_trackings
//! ```
//!
//! `AGENDIZE_BASE_URL` points the client elsewhere (a local sandbox or a recording proxy).

use agendize_calls::models::CallTracking;
use agendize_calls::notification::{Notification, ObjectEvent};
use agendize_calls::Client;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // AGENDIZE_BASE_URL (a sandbox), and AGENDIZE_API_KEY + AGENDIZE_TOKEN or an access token.
    let client = Client::from_env()?;

    let trackings = client.call_trackings().list().await?;
    println!("{} call tracking number(s)", trackings.len());
    for tracking in &trackings {
        println!(
            "{:<12} {:<32} {} -> {}",
            tracking.id,
            tracking.name.as_deref().unwrap_or("-"),
            tracking.tracking_phone_number.as_deref().unwrap_or("-"),
            tracking.phone_number.as_deref().unwrap_or("-"),
        );
    }

    // What the handler of a watch address does with a delivered request.
    let body = br#"{"id": "ct-1", "name": "Flyer", "trackingPhoneNumber": "+33977553312"}"#;
    let notification = Notification::<CallTracking>::decode(Some("updated"), body)?;
    if notification.event == ObjectEvent::Updated {
        println!("notification: {} was updated", notification.resource.id);
    }
    Ok(())
}
