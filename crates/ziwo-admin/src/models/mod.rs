//! Ziwo admin models, generated from `fixtures/ziwo-admin` (see `docs/codegen.md`), and the
//! shared ones of `ziwo-core`.

mod generated;

pub use generated::*;
pub use ziwo_core::models::{Listed, LoginUser, Record};

impl StartCallAnswer {
    /// The answer to a start-call request for `did_called`: try `rules` in order.
    pub fn new(did_called: impl Into<String>, rules: Vec<Rule>) -> Self {
        Self {
            did_called: did_called.into(),
            rules,
            extra: Default::default(),
        }
    }
}

impl Rule {
    /// A routing rule: `action` (`call`) to `number`, showing `caller_id`, for at most
    /// `timeout` seconds.
    pub fn new(
        action: impl Into<String>,
        number: impl Into<String>,
        caller_id: impl Into<String>,
        timeout: i64,
    ) -> Self {
        Self {
            action: action.into(),
            number: number.into(),
            caller_id: caller_id.into(),
            timeout,
            extra: Default::default(),
        }
    }
}

impl CallTracker {
    /// Whether `calltrackers.block` stopped this call tracker (`status: "blocked"`).
    pub fn is_blocked(&self) -> bool {
        self.status == Some(CallTrackerStatus::Blocked)
    }
}
