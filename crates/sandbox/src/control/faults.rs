//! Fault injection: rules that make the sandbox fail the way a real service does now and then,
//! so a downstream test of retries, timeouts or broken connections needs no flaky proxy.
//!
//! A rule names its requests (an operation id, or a method and a path template from the
//! server's root), how often it fires (a number of times, or a probability) and what happens:
//! an error status in the provider's own shape (with `Retry-After` if given), a delay before
//! the answer, a reset connection, or an answer cut in the middle of its body. Rules are tried
//! in the order they were added; the first that matches and fires applies. A rule applies once
//! the request is routed, before its credentials are checked, as an outage in front of the
//! service would: a request without credentials uses up a count too.

use std::sync::Mutex;
use std::time::Duration;

use serde_json::{json, Value};

use crate::contract::shape_of;

/// The longest delay a rule may hold a request (a connection slot) for.
pub const MAX_DELAY: Duration = Duration::from_secs(600);

/// Which requests a rule applies to.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Target {
    /// The requests of an operation, by its catalog id (`visitor.list`).
    Operation(String),
    /// The requests to a path template (or a path) from the server's root, with any method
    /// when `method` is `None`.
    Path {
        /// `GET`, `POST`, ...; `None`: every method.
        method: Option<String>,
        /// `/iadvize/api/2/visitor/{id}`, or a path.
        template: String,
    },
}

/// How often a rule fires.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Trigger {
    /// The next `n` matching requests, then the rule is gone.
    Times(u64),
    /// Each matching request with this probability (0 to 1), for as long as the rule stays.
    Probability(f64),
}

/// What a fault does to a request.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Effect {
    /// Answers `status` (400 to 599) in the provider's error shape, with `Retry-After` when
    /// given.
    Status {
        /// The status.
        status: u16,
        /// `Retry-After`, in seconds.
        retry_after: Option<u64>,
    },
    /// Waits this long, then serves the request.
    Delay(Duration),
    /// Closes the connection without an answer.
    Reset,
    /// Serves the request, but closes the connection halfway through the answer's body (its
    /// `Content-Length` announcing the whole).
    Truncate,
}

/// One fault rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    /// Which requests.
    pub target: Target,
    /// How often.
    pub trigger: Trigger,
    /// What happens.
    pub effect: Effect,
}

impl Fault {
    /// A fault on the requests of operation `id` (`visitor.list`): once, `503`, until the
    /// builder methods say otherwise.
    pub fn on_operation(id: impl Into<String>) -> Self {
        Self::on(Target::Operation(id.into()))
    }

    /// A fault on the requests to `template` (from the server's root:
    /// `/iadvize/api/2/visitor/{id}`) with `method` (`None`: any).
    pub fn on_path(method: Option<&str>, template: impl Into<String>) -> Self {
        Self::on(Target::Path {
            method: method.map(str::to_ascii_uppercase),
            template: template.into(),
        })
    }

    fn on(target: Target) -> Self {
        Self {
            target,
            trigger: Trigger::Times(1),
            effect: Effect::Status {
                status: 503,
                retry_after: None,
            },
        }
    }

    /// The next `times` matching requests.
    pub fn times(mut self, times: u64) -> Self {
        self.trigger = Trigger::Times(times);
        self
    }

    /// Each matching request with `probability` (0 to 1).
    pub fn probability(mut self, probability: f64) -> Self {
        self.trigger = Trigger::Probability(probability);
        self
    }

    /// Answers `status` in the provider's error shape.
    pub fn status(mut self, status: u16) -> Self {
        self.effect = Effect::Status {
            status,
            retry_after: None,
        };
        self
    }

    /// Answers `status` with `Retry-After: seconds`.
    pub fn status_retry_after(mut self, status: u16, seconds: u64) -> Self {
        self.effect = Effect::Status {
            status,
            retry_after: Some(seconds),
        };
        self
    }

    /// Waits `delay` before serving.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.effect = Effect::Delay(delay);
        self
    }

    /// Closes the connection without an answer.
    pub fn reset(mut self) -> Self {
        self.effect = Effect::Reset;
        self
    }

    /// Cuts the answer halfway through its body (an answer of less than 2 bytes, a `204`,
    /// goes whole).
    pub fn truncate(mut self) -> Self {
        self.effect = Effect::Truncate;
        self
    }

    /// Whether the rule can be applied: a status from 400 to 599, a probability from 0 to 1,
    /// a count from 1, a template from the root.
    pub fn check(&self) -> Result<(), String> {
        if let Effect::Delay(delay) = self.effect {
            if delay > MAX_DELAY {
                return Err("a delay is at most ten minutes".into());
            }
        }
        match self.trigger {
            Trigger::Times(0) => return Err("`count` must be at least 1".into()),
            Trigger::Probability(p) if !(0.0..=1.0).contains(&p) => {
                return Err("`probability` must be from 0 to 1".into())
            }
            _ => {}
        }
        if let Effect::Status { status, .. } = self.effect {
            if !(400..=599).contains(&status) {
                return Err(format!("`status` {status}: a fault answers 400 to 599"));
            }
        }
        match &self.target {
            Target::Operation(id) if id.is_empty() => Err("`operation` is empty".into()),
            Target::Path { template, .. } if !template.starts_with('/') => Err(format!(
                "`path` `{template}` must start with `/` (from the server's root)"
            )),
            _ => Ok(()),
        }
    }

    /// A rule from its JSON form (`POST /_sandbox/faults`):
    /// `{"operation": "visitor.list"}` or `{"method": "GET", "path": "/iadvize/api/2/visitor"}`;
    /// `"count": 2` or `"probability": 0.5` (default: once); and `"status": 503` (with
    /// `"retry_after": 2`), `"delay_ms": 300`, `"reset": true` or `"truncate": true` (default:
    /// 503).
    pub fn from_json(rule: &Value) -> Result<Self, String> {
        let Some(members) = rule.as_object() else {
            return Err("a fault is a JSON object".into());
        };
        const KNOWN: [&str; 10] = [
            "operation",
            "method",
            "path",
            "count",
            "probability",
            "status",
            "retry_after",
            "delay_ms",
            "reset",
            "truncate",
        ];
        if let Some(unknown) = members.keys().find(|key| !KNOWN.contains(&key.as_str())) {
            return Err(format!(
                "unknown member `{unknown}`; a fault takes {KNOWN:?}"
            ));
        }
        let text = |name: &str| -> Result<Option<&str>, String> {
            match rule.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(text)) => Ok(Some(text)),
                Some(_) => Err(format!("`{name}` must be text")),
            }
        };
        let number = |name: &str| -> Result<Option<u64>, String> {
            match rule.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(value) => value
                    .as_u64()
                    .map(Some)
                    .ok_or_else(|| format!("`{name}` must be a whole number")),
            }
        };
        let flag = |name: &str| -> Result<bool, String> {
            match rule.get(name) {
                None | Some(Value::Null) => Ok(false),
                Some(Value::Bool(flag)) => Ok(*flag),
                Some(_) => Err(format!("`{name}` must be true or false")),
            }
        };
        let mut fault = match (text("operation")?, text("path")?) {
            (Some(id), None) if text("method")?.is_none() => Self::on_operation(id),
            (None, Some(path)) => Self::on_path(text("method")?, path),
            _ => {
                return Err(
                    "give `operation`, or `path` (with an optional `method`), not both".into(),
                )
            }
        };
        match (
            number("count")?,
            rule.get("probability").filter(|value| !value.is_null()),
        ) {
            (Some(_), Some(_)) => return Err("give `count` or `probability`, not both".into()),
            (Some(count), None) => fault = fault.times(count),
            (None, Some(probability)) => {
                let probability = probability
                    .as_f64()
                    .ok_or("`probability` must be a number")?;
                fault = fault.probability(probability);
            }
            (None, None) => {}
        }
        let status = number("status")?;
        let effects = [
            status.is_some(),
            number("delay_ms")?.is_some(),
            flag("reset")?,
            flag("truncate")?,
        ];
        if effects.iter().filter(|given| **given).count() > 1 {
            return Err("give one effect: `status`, `delay_ms`, `reset` or `truncate`".into());
        }
        if number("retry_after")?.is_some() && status.is_none() && effects.iter().any(|e| *e) {
            return Err("`retry_after` goes with `status` only".into());
        }
        if let Some(delay) = number("delay_ms")? {
            if delay > MAX_DELAY.as_millis() as u64 {
                return Err(format!(
                    "`delay_ms` {delay}: at most {} (ten minutes)",
                    MAX_DELAY.as_millis()
                ));
            }
            fault = fault.delay(Duration::from_millis(delay));
        } else if flag("reset")? {
            fault = fault.reset();
        } else if flag("truncate")? {
            fault = fault.truncate();
        } else {
            let status = u16::try_from(status.unwrap_or(503)).unwrap_or(0);
            fault = match number("retry_after")? {
                Some(seconds) => fault.status_retry_after(status, seconds),
                None => fault.status(status),
            };
        }
        fault.check()?;
        Ok(fault)
    }

    /// The rule as JSON, in the form [`Fault::from_json`] reads.
    pub fn to_json(&self) -> Value {
        let mut rule = match &self.target {
            Target::Operation(id) => json!({ "operation": id }),
            Target::Path { method, template } => match method {
                Some(method) => json!({ "method": method, "path": template }),
                None => json!({ "path": template }),
            },
        };
        match self.trigger {
            Trigger::Times(count) => rule["count"] = json!(count),
            Trigger::Probability(probability) => rule["probability"] = json!(probability),
        }
        match self.effect {
            Effect::Status {
                status,
                retry_after,
            } => {
                rule["status"] = json!(status);
                if let Some(seconds) = retry_after {
                    rule["retry_after"] = json!(seconds);
                }
            }
            Effect::Delay(delay) => rule["delay_ms"] = json!(delay.as_millis() as u64),
            Effect::Reset => rule["reset"] = json!(true),
            Effect::Truncate => rule["truncate"] = json!(true),
        }
        rule
    }

    fn matches(&self, request: &Routed<'_>) -> bool {
        match &self.target {
            Target::Operation(id) => request.operation == Some(id.as_str()),
            Target::Path { method, template } => {
                method
                    .as_deref()
                    .is_none_or(|method| method == request.method)
                    && (shape_of(template) == shape_of(request.template)
                        || template == request.path)
            }
        }
    }
}

/// Why a fault rule was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultError(pub String);

impl std::fmt::Display for FaultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FaultError {}

/// What a rule is matched against: a request the sandbox routed.
pub(crate) struct Routed<'a> {
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    /// The route's template from the server's root.
    pub(crate) template: &'a str,
    pub(crate) operation: Option<&'a str>,
}

/// The rules of a running sandbox.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    rules: Mutex<Vec<Fault>>,
}

impl Faults {
    fn rules(&self) -> std::sync::MutexGuard<'_, Vec<Fault>> {
        self.rules
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn add(&self, fault: Fault) {
        self.rules().push(fault);
    }

    pub(crate) fn clear(&self) {
        self.rules().clear();
    }

    pub(crate) fn list(&self) -> Vec<Fault> {
        self.rules().clone()
    }

    /// The effect of the first rule that matches `request` and fires; a rule counted down to
    /// zero is removed.
    pub(crate) fn take(&self, request: &Routed<'_>) -> Option<Effect> {
        let mut rules = self.rules();
        let index = rules.iter().position(|rule| {
            rule.matches(request)
                && match rule.trigger {
                    Trigger::Times(_) => true,
                    Trigger::Probability(p) => fastrand::f64() < p,
                }
        })?;
        let effect = rules[index].effect;
        if let Trigger::Times(count) = &mut rules[index].trigger {
            *count -= 1;
            if *count == 0 {
                rules.remove(index);
            }
        }
        Some(effect)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routed<'a>(method: &'a str, path: &'a str, template: &'a str, id: &'a str) -> Routed<'a> {
        Routed {
            method,
            path,
            template,
            operation: Some(id),
        }
    }

    #[test]
    fn a_rule_reads_from_json_and_back_and_bad_ones_are_refused() {
        let rule =
            json!({"operation": "visitor.list", "count": 2, "status": 429, "retry_after": 3});
        let fault = Fault::from_json(&rule).expect("a rule");
        assert_eq!(
            fault,
            Fault::on_operation("visitor.list")
                .times(2)
                .status_retry_after(429, 3)
        );
        assert_eq!(fault.to_json(), rule);
        let path = json!({"method": "get", "path": "/iadvize/api/2/visitor/{id}", "probability": 0.5, "truncate": true});
        assert_eq!(
            Fault::from_json(&path).expect("a rule"),
            Fault::on_path(Some("GET"), "/iadvize/api/2/visitor/{id}")
                .probability(0.5)
                .truncate()
        );
        for (bad, why) in [
            (json!({"count": 1}), "give `operation`"),
            (json!({"operation": "a", "path": "/b"}), "not both"),
            (json!({"operation": "a", "status": 200}), "400 to 599"),
            (json!({"operation": "a", "count": 0}), "at least 1"),
            (json!({"operation": "a", "probability": 2}), "from 0 to 1"),
            (
                json!({"operation": "a", "reset": true, "delay_ms": 5}),
                "one effect",
            ),
            (json!({"path": "visitor"}), "start with `/`"),
            (
                json!({"operation": "a", "sttaus": 500}),
                "unknown member `sttaus`",
            ),
        ] {
            let error = Fault::from_json(&bad).expect_err("refused");
            assert!(error.contains(why), "{bad}: {error}");
        }
    }

    #[test]
    fn a_counted_rule_fires_its_count_then_goes_and_paths_match_by_shape() {
        let faults = Faults::default();
        faults.add(Fault::on_operation("visitor.list").times(2).reset());
        faults.add(Fault::on_path(None, "/iadvize/api/2/visitor/{visitorId}").status(500));
        let list = routed(
            "GET",
            "/iadvize/api/2/visitor",
            "/iadvize/api/2/visitor",
            "visitor.list",
        );
        assert_eq!(faults.take(&list), Some(Effect::Reset));
        assert_eq!(faults.take(&list), Some(Effect::Reset));
        assert_eq!(faults.take(&list), None);
        let get = routed(
            "GET",
            "/iadvize/api/2/visitor/7",
            "/iadvize/api/2/visitor/{id}",
            "visitor.get",
        );
        assert_eq!(
            faults.take(&get),
            Some(Effect::Status {
                status: 500,
                retry_after: None
            })
        );
        assert!(faults.list().is_empty());
    }
}
