//! Lists an account's active calls with their legs, every page, and the registered devices.
//!
//! ```sh
//! VBC_ACCESS_TOKEN=... cargo run -p cc-voice --example active_calls -- 1234
//! # or VBC_CLIENT_ID, VBC_CLIENT_SECRET, VBC_USERNAME, VBC_PASSWORD for the password grant
//! ```
//!
//! `VBC_BASE_URL` and `VBC_TOKEN_URL` point the client elsewhere (a local sandbox or a
//! recording proxy): `ccapi sandbox` prints the lines to paste.

use cc_voice::{Client, ListFilter};
use futures::TryStreamExt;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let account_id = std::env::args()
        .nth(1)
        .ok_or("usage: active_calls <account_id>")?;
    // VBC_BASE_URL and VBC_TOKEN_URL (a sandbox), and a token or the password grant.
    let client = Client::from_env()?;

    let calls: Vec<_> = client
        .calls(&account_id)
        .list_all(&ListFilter::new().page_size(50))
        .try_collect()
        .await?;
    println!("{} active call(s)", calls.len());
    for call in &calls {
        let status = call
            .status
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        println!("{} {status}", call.call_id);
        for leg in call.legs.iter().flatten() {
            println!(
                "  leg {} {:?} -> {:?}",
                leg.leg_id,
                leg.from.as_ref().map(|from| from.as_str()),
                leg.to.as_ref().map(|to| to.as_str())
            );
        }
    }

    let devices = client.devices(&account_id).list(&ListFilter::new()).await?;
    for device in devices.devices.unwrap_or_default() {
        println!(
            "device {} last registered {:?}",
            device.mac_address.as_deref().unwrap_or("?"),
            device.last_success.and_then(|at| at.utc())
        );
    }
    Ok(())
}
