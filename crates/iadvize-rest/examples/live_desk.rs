//! A live view of the desk: operators online with their chat slots, then today's conversations
//! with their messages.
//!
//! ```sh
//! IADVIZE_API_KEY=... cargo run -p iadvize-rest --example live_desk
//! ```
//!
//! `IADVIZE_BASE_URL` points the client elsewhere (a local sandbox or a recording proxy).

use futures::{StreamExt, TryStreamExt};
use iadvize_rest::query::{ConversationQuery, OperatorQuery};
use iadvize_rest::Client;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // IADVIZE_BASE_URL (a sandbox) and IADVIZE_API_KEY.
    let client = Client::from_env()?;

    for live in client
        .operators()
        .live_list(&OperatorQuery::new().connected(true))
        .await?
    {
        let chat = live.chat.unwrap_or_default();
        println!(
            "operator {}: chat {}/{} slots, available: {}",
            live.id,
            chat.slot_number.unwrap_or(0),
            chat.slot_max_number.unwrap_or(0),
            chat.available.unwrap_or(false)
        );
    }

    // The ten most recent conversations, fetched page by page only as far as needed.
    let recent: Vec<_> = client
        .conversations()
        .list_all(&ConversationQuery::new().limit(5))
        .take(10)
        .try_collect()
        .await?;
    for conversation in recent {
        println!(
            "conversation {} ({:?})",
            conversation.id, conversation.channel
        );
        for message in conversation.history.unwrap_or_default() {
            println!("  {message}");
        }
    }
    Ok(())
}
