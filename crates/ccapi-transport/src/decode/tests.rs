use std::str::FromStr;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use super::*;

#[derive(Debug, Deserialize, Serialize, PartialEq)]
struct Sample {
    id: LenientString,
    page: Lenient<u64>,
    ratio: Lenient<f64>,
    available: LenientBool,
}

#[test]
fn number_and_string_forms_decode_to_the_same_value() {
    let as_numbers: Sample =
        serde_json::from_str(r#"{"id": 42, "page": 2, "ratio": 1, "available": 1}"#)
            .expect("numbers");
    let as_strings: Sample =
        serde_json::from_str(r#"{"id": "42", "page": " 2", "ratio": "1.0", "available": "true"}"#)
            .expect("strings");
    assert_eq!(as_numbers, as_strings);
    assert_eq!(as_numbers.id.as_str(), "42");
    assert_eq!(as_numbers.page.0, 2);
    assert_eq!(
        serde_json::to_value(&as_strings).expect("encodes"),
        serde_json::json!({"id": "42", "page": 2, "ratio": 1.0, "available": true})
    );
}

#[test]
fn bad_forms_are_decode_errors_not_panics() {
    assert!(serde_json::from_str::<Lenient<u64>>(r#""12a""#).is_err());
    assert!(serde_json::from_str::<Lenient<u64>>("-1").is_err());
    assert!(serde_json::from_str::<Lenient<u64>>("1.5").is_err());
    assert!(serde_json::from_str::<LenientBool>("2").is_err());
}

#[test]
fn date_times_with_and_without_offset() {
    let plain = Timestamp::parse("2024-05-01 10:00:00").expect("space form");
    assert_eq!(plain.offset(), None);
    let t_form = Timestamp::parse("2024-05-01T10:00:00").expect("T form");
    assert_eq!(plain.local(), t_form.local());
    let utc = FixedOffset::east_opt(0).expect("valid");
    let zoned = Timestamp::parse("2024-05-01T12:00:00+02:00").expect("offset");
    assert_eq!(zoned.to_utc(utc), plain.to_utc(utc));
    assert_eq!(zoned.to_string(), "2024-05-01T12:00:00+02:00");
    let fraction = Timestamp::parse("2024-05-01T10:00:00.250Z").expect("fraction");
    assert_eq!(fraction.offset(), Some(utc));
}

#[test]
fn timestamps_read_every_form_and_write_back_what_was_received() {
    let utc = |text: &str| {
        serde_json::from_value::<Timestamp>(serde_json::json!(text))
            .expect("decodes")
            .utc()
    };
    let expected = DateTime::parse_from_rfc3339("2024-05-01T10:00:00Z")
        .expect("valid")
        .with_timezone(&Utc);
    for text in [
        "1714557600",
        " 1714557600 ",
        "2024-05-01T10:00:00Z",
        "2024-05-01T10:00:00.0Z",
        "2024-05-01T12:00:00+02:00",
        "2024-05-01T12:00:00+0200",
        "2024-05-01 10:00:00Z",
        "2024-05-01 12:00:00.000+02:00",
    ] {
        assert_eq!(utc(text), Some(expected), "{text}");
    }
    for json in [
        "1714557600",
        "1714557600.0",
        "\"1714557600\"",
        "\"2024-05-01T10:00:00.0Z\"",
    ] {
        let time: Timestamp = serde_json::from_str(json).expect(json);
        assert_eq!(time.utc(), Some(expected), "{json}");
        assert_eq!(serde_json::to_string(&time).expect("encodes"), json);
    }
    // No offset: the caller says which zone the provider meant.
    let local: Timestamp = serde_json::from_str("\"2024-05-01 12:00:00\"").expect("local");
    assert_eq!(local.utc(), None);
    let paris = FixedOffset::east_opt(7200).expect("valid");
    assert_eq!(local.to_utc(paris), Some(expected));
    // The Prism-generated form of the VBC schema, far in the past.
    let old: Timestamp = serde_json::from_str("\"1968-09-05T22:51:01.0Z\"").expect("1968");
    assert_eq!(old.epoch_seconds(), Some(-41_648_939));
}

#[test]
fn timestamps_keep_text_that_is_no_time() {
    let kept: Timestamp = serde_json::from_str("\"consequat mollit\"").expect("kept");
    assert_eq!(kept.local(), None);
    assert_eq!(kept.received(), &TimeForm::Text("consequat mollit".into()));
    assert_eq!(
        serde_json::to_string(&kept).expect("encodes"),
        "\"consequat mollit\""
    );
    assert!(Timestamp::parse("consequat").is_err());
    assert!(serde_json::from_str::<Timestamp>("true").is_err());
    let huge: Timestamp = serde_json::from_str("1e300").expect("kept");
    assert_eq!(huge.utc(), None);
    assert_eq!(
        Timestamp::from_epoch_seconds(1_714_557_600)
            .expect("in range")
            .to_string(),
        "1714557600"
    );
}

#[test]
fn secret_text_reads_numbers_and_strings_and_never_prints() {
    use secrecy::ExposeSecret;
    let number: SecretText = serde_json::from_str("4821").expect("number");
    let text: SecretText = serde_json::from_str("\"4821\"").expect("text");
    assert_eq!(number.secret().expose_secret(), "4821");
    assert_eq!(text.secret().expose_secret(), "4821");
    assert_eq!(format!("{number:?}"), "SecretText(** redacted **)");
}

#[test]
fn blank_means_none() {
    for blank in ["\"\"", "\"  \"", "null"] {
        let read: BlankIsNone<Timestamp> = serde_json::from_str(blank).expect(blank);
        assert_eq!(read.0, None, "{blank}");
    }
    let read: BlankIsNone<Timestamp> = serde_json::from_str("1714557600").expect("a time");
    assert_eq!(read.0.and_then(|t| t.epoch_seconds()), Some(1_714_557_600));
    assert!(serde_json::from_str::<BlankIsNone<Timestamp>>("true").is_err());
}

#[test]
fn counters_that_are_no_number_are_kept() {
    let page: MaybeNumber<i64> = serde_json::from_str("\" 3\"").expect("text");
    assert_eq!(page.number(), Some(3));
    let odd: MaybeNumber<i64> = serde_json::from_str("\"adipisicing\"").expect("kept");
    assert_eq!(odd.number(), None);
    assert_eq!(
        serde_json::to_string(&odd).expect("encodes"),
        "\"adipisicing\""
    );
    assert_eq!(serde_json::to_string(&page).expect("encodes"), "3");
    let fraction: MaybeNumber<i64> = serde_json::from_str("2.5").expect("kept");
    assert_eq!(fraction, MaybeNumber::Other(serde_json::json!(2.5)));
}

/// What `MaybeNumber` did before it had a visitor of its own (through a `Value`): the
/// reference the direct visitor must agree with.
fn counter_through_a_value<T: FromStr>(json: &str) -> MaybeNumber<T> {
    let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let number = match &value {
        serde_json::Value::Number(number) => number.to_string().parse::<T>().ok(),
        serde_json::Value::String(text) => text.trim().parse::<T>().ok(),
        _ => None,
    };
    number.map_or(MaybeNumber::Other(value), MaybeNumber::Number)
}

const VALUES: &[&str] = &[
    "0",
    "3",
    "-3",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "-9223372036854775808",
    "2.5",
    "3.0",
    "1e300",
    "\" 7 \"",
    "\"seven\"",
    "\"\"",
    "\"\\u0037\"",
    "true",
    "null",
    "[1, \"2\"]",
    "{\"page\": 1}",
];

#[test]
fn counters_decode_as_they_did_through_a_value() {
    for json in VALUES {
        let direct: MaybeNumber<i64> = serde_json::from_str(json).expect(json);
        assert_eq!(
            direct,
            counter_through_a_value::<i64>(json),
            "{json} as i64"
        );
        let direct: MaybeNumber<u64> = serde_json::from_str(json).expect(json);
        assert_eq!(
            direct,
            counter_through_a_value::<u64>(json),
            "{json} as u64"
        );
        let direct: MaybeNumber<f64> = serde_json::from_str(json).expect(json);
        assert_eq!(
            direct,
            counter_through_a_value::<f64>(json),
            "{json} as f64"
        );
        // From a `Value` too (owned strings: `visit_string`).
        let value: serde_json::Value = serde_json::from_str(json).expect(json);
        let owned: MaybeNumber<i64> = serde_json::from_value(value).expect(json);
        assert_eq!(
            owned,
            counter_through_a_value::<i64>(json),
            "{json} from a Value"
        );
    }
}

#[test]
fn lenient_strings_keep_the_text_whichever_form_and_length() {
    let cases = [
        ("1234", "1234"),
        ("\"1234\"", "1234"),
        ("-9223372036854775808", "-9223372036854775808"),
        ("18446744073709551615", "18446744073709551615"),
        ("4.0", "4"),
        ("4.25", "4.25"),
        ("true", "true"),
        ("\"\"", ""),
        ("\"exactly twenty bytes\"", "exactly twenty bytes"),
        ("\"twenty-one bytes long\"", "twenty-one bytes long"),
        (
            "\"café à l'été, ça dépasse vingt octets\"",
            "café à l'été, ça dépasse vingt octets",
        ),
        ("\"café à l'été\"", "café à l'été"),
        ("\"\\u00e9té\"", "été"),
    ];
    for (json, text) in cases {
        let read: LenientString = serde_json::from_str(json).expect(json);
        assert_eq!(read.as_str(), text, "{json}");
        assert_eq!(
            read,
            LenientString::new(text),
            "{json}: equal to the same text"
        );
        assert_eq!(&*read, text);
        assert_eq!(read.to_string(), text);
        assert_eq!(format!("{read:?}"), format!("LenientString({text:?})"));
        assert_eq!(
            serde_json::to_value(&read).expect("encodes"),
            serde_json::json!(text)
        );
        assert_eq!(read.clone().into_string(), text);
        let value: serde_json::Value = serde_json::from_str(json).expect(json);
        let owned: LenientString = serde_json::from_value(value).expect(json);
        assert_eq!(owned.as_str(), text, "{json} from a Value");
    }
    // A number and its text are one key.
    let number: LenientString = serde_json::from_str("42").expect("number");
    let text: LenientString = serde_json::from_str("\"42\"").expect("text");
    let long = LenientString::new("42");
    let set: std::collections::HashSet<_> = [number.clone(), text, long].into_iter().collect();
    assert_eq!(set.len(), 1);
    assert_eq!(
        number.cmp(&LenientString::new("5")),
        std::cmp::Ordering::Less,
        "ordered as text"
    );
    assert_eq!(number, "42");
    assert!(serde_json::from_str::<LenientString>("[1]").is_err());
    assert!(serde_json::from_str::<LenientString>("null").is_err());
}

#[test]
fn blank_means_none_and_anything_else_reaches_the_inner_type_unchanged() {
    #[derive(Debug, PartialEq, Deserialize)]
    struct Span {
        from: u64,
        to: u64,
    }
    let span: BlankIsNone<Span> =
        serde_json::from_str(r#"{"from": 1, "to": 2}"#).expect("an object");
    assert_eq!(span.0, Some(Span { from: 1, to: 2 }));
    let list: BlankIsNone<Vec<LenientString>> =
        serde_json::from_str(r#"[1, "b"]"#).expect("an array");
    assert_eq!(list.0, Some(vec!["1".into(), "b".into()]));
    let text: BlankIsNone<Timestamp> =
        serde_json::from_str("\"2024-05-01T10:00:00Z\"").expect("a time");
    assert_eq!(text.0.and_then(|t| t.epoch_seconds()), Some(1_714_557_600));
    let escaped: BlankIsNone<String> = serde_json::from_str("\"a\\nb\"").expect("escaped");
    assert_eq!(escaped.0.as_deref(), Some("a\nb"));
    let negative: BlankIsNone<Timestamp> = serde_json::from_str("-60").expect("before 1970");
    assert_eq!(negative.0.and_then(|t| t.epoch_seconds()), Some(-60));
    let fraction: BlankIsNone<Timestamp> = serde_json::from_str("0.5").expect("a fraction");
    assert_eq!(
        fraction
            .0
            .and_then(|t| t.utc())
            .map(|t| t.timestamp_subsec_millis()),
        Some(500)
    );
    let owned: BlankIsNone<Timestamp> =
        serde_json::from_value(serde_json::json!("  ")).expect("blank from a Value");
    assert_eq!(owned.0, None);
    // The inner type's own error, as a plain field of that type would give it.
    let refused = serde_json::from_str::<BlankIsNone<Timestamp>>("true").expect_err("bool");
    assert_eq!(
        refused.to_string(),
        "invalid type: boolean `true`, expected epoch seconds or a date and time at line 1 column 4"
    );
}

#[test]
fn whole_epoch_seconds_past_the_range_are_kept_without_an_instant() {
    for json in [
        "18446744073709551615",
        "9223372036854775807",
        "-9223372036854775808",
    ] {
        let kept: Timestamp = serde_json::from_str(json).expect(json);
        assert_eq!(kept.utc(), None, "{json}");
        assert_eq!(serde_json::to_string(&kept).expect("encodes"), json);
    }
    let moment: Timestamp = serde_json::from_str("1595959736").expect("in range");
    assert_eq!(moment.epoch_seconds(), Some(1_595_959_736));
}

/// Model sizes are part of the decoding cost (each value is moved into its `Vec`; a
/// `Vec` of four legs over 1 KiB leaves malloc's thread cache): hold what was won.
#[test]
#[cfg(target_pointer_width = "64")]
fn lenient_types_stay_small() {
    assert_eq!(std::mem::size_of::<Timestamp>(), 24);
    assert_eq!(std::mem::size_of::<Option<Timestamp>>(), 24);
    assert_eq!(std::mem::size_of::<LenientString>(), 32);
    assert_eq!(std::mem::size_of::<Option<LenientString>>(), 32);
}

#[test]
fn open_enums_read_borrowed_and_owned_text_alike() {
    crate::open_enum! {
        /// A test enum.
        enum Mode {
            /// One.
            One = "one",
        }
    }
    let borrowed: Mode = serde_json::from_str("\"one\"").expect("borrowed");
    let owned: Mode = serde_json::from_value(serde_json::json!("one")).expect("owned");
    let escaped: Mode = serde_json::from_str("\"\\u006fne\"").expect("escaped");
    assert_eq!([&borrowed, &owned, &escaped], [&Mode::One; 3]);
    assert_eq!(Mode::KNOWN, ["one"]);
    assert_eq!(
        Mode::documented("mode", "one").expect("documented"),
        Mode::One
    );
    let unknown: Mode = serde_json::from_value(serde_json::json!("two")).expect("kept");
    assert_eq!(unknown, Mode::Unknown("two".into()));
    let refused = serde_json::from_str::<Mode>("5").expect_err("a number");
    assert_eq!(
        refused.to_string(),
        "invalid type: integer `5`, expected a string at line 1 column 1"
    );
}

#[test]
fn fractional_epoch_seconds_round_trip() {
    let moment: Timestamp = serde_json::from_str("1700000000.5").expect("float");
    let instant = moment.utc().expect("an instant");
    assert_eq!(instant.timestamp_subsec_millis(), 500);
    assert_eq!(
        serde_json::to_string(&moment).expect("encodes"),
        "1700000000.5"
    );
}
