//! Logs an agent in, makes them available, calls a number for them, and shows the call.
//!
//! ```sh
//! ZIWO_INSTANCE=acme ZIWO_API_KEY=... cargo run -p ziwo-cti --example click_to_call -- 5555 00971501234567
//! ```
//!
//! `ZIWO_BASE_URL` replaces the instance URL (a local sandbox or a recording proxy).

use ziwo_cti::{instance_config, AgentStatus, Client, ClientConfig, Credentials};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(cc_login), Some(number)) = (args.next(), args.next()) else {
        return Err("usage: click_to_call <ccLogin> <number>".into());
    };
    let config = match std::env::var("ZIWO_BASE_URL") {
        Ok(url) => ClientConfig::new(&url, "ziwo-cti-example/0.1")?,
        // Checked as a DNS label: nothing is sent to a name such as `evil.com/x`.
        Err(_) => instance_config(&std::env::var("ZIWO_INSTANCE")?)?,
    };
    let client = Client::with_config(config, Credentials::api_key_from_env()?)?;
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
