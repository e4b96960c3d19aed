use super::*;

/// A random JSON value: every type, numbers at the edges of what JSON and serde_json carry.
fn random_value(rng: &mut fastrand::Rng, depth: u32) -> Value {
    match rng.u8(..if depth > 2 { 6 } else { 8 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.bool()),
        2 => Value::from(rng.u64(..)),
        3 => Value::from(rng.i64(..)),
        4 => serde_json::Number::from_f64(f64::from_bits(rng.u64(..)))
            .map_or(Value::Null, Value::Number),
        5 => Value::from(["", "https://t.example/token", "x", "\u{0}", "é"][rng.usize(..5)]),
        6 => Value::Array(
            (0..rng.usize(..3))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => Value::Object(
            (0..rng.usize(..3))
                .map(|i| (format!("m{i}"), random_value(rng, depth + 1)))
                .collect(),
        ),
    }
}

/// A seeded random search over kept VBC session files: each member present or not, of any
/// type, `expires_at` at the edges (0, u64::MAX, negative, fractional, huge floats). No
/// document panics; every usable one has a lifetime of at most a year.
#[test]
fn no_kept_session_panics_or_lives_past_a_year() {
    let mut rng = fastrand::Rng::with_seed(30);
    let edges = [
        Value::from(0),
        Value::from(u64::MAX),
        Value::from(-1),
        Value::from(1.5),
        Value::from(1e300),
        Value::from(now_seconds()),
        Value::from(now_seconds() + 59),
    ];
    let mut usable = 0;
    for round in 0..20_000 {
        let mut document = serde_json::Map::new();
        for name in ["token_url", "client_id", "access_token", "refresh_token"] {
            match rng.u8(..4) {
                0 => {}
                1 => {
                    document.insert(name.into(), random_value(&mut rng, 0));
                }
                _ => {
                    document.insert(name.into(), Value::from(format!("{name}-{round}")));
                }
            }
        }
        if rng.bool() {
            let expires = match rng.u8(..2) {
                0 => edges[rng.usize(..edges.len())].clone(),
                _ => random_value(&mut rng, 0),
            };
            document.insert("expires_at".into(), expires);
        }
        let Some(session) = VbcSession::from_value(&Value::Object(document)) else {
            continue;
        };
        usable += 1;
        if let Some(left) = session.valid_for() {
            assert!(
                left <= ccapi_transport::auth::MAX_TOKEN_LIFETIME,
                "{left:?}"
            );
        }
    }
    // The search reaches usable sessions, not only refusals.
    assert!(usable > 1_000, "{usable}");
}
