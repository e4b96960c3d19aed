//! Logs an agent in, makes them available, calls a number for them, and shows the call.
//!
//! ```sh
//! ZIWO_INSTANCE=acme ZIWO_API_KEY=... cargo run -p ziwo-cti --example click_to_call -- 5555 00971501234567
//! ```
//!
//! `ZIWO_BASE_URL` replaces the instance URL (a local sandbox or a recording proxy).

use ziwo_cti::{AgentStatus, Client};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(cc_login), Some(number)) = (args.next(), args.next()) else {
        return Err("usage: click_to_call <ccLogin> <number>".into());
    };
    // ZIWO_BASE_URL (a sandbox) or ZIWO_INSTANCE, and ZIWO_API_KEY.
    let client = Client::from_env()?;
    let agent = client.agent(&cc_login);
    agent.login().await?;
    agent
        .set_status(AgentStatus::Available, Some("example"))
        .await?;
    agent.call(&number, Some("click to call example")).await?;
    match agent.current_call().await?.queue_info {
        Some(call) => println!(
            "call {} is {} (from {:?})",
            call.call_id.as_deref().unwrap_or("?"),
            call.call_state.as_deref().unwrap_or("?"),
            call.caller_id
        ),
        None => println!("no call yet"),
    }
    Ok(())
}
