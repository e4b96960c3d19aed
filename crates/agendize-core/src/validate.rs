//! Checks run before a request is sent: a request the documentation says cannot succeed fails
//! with [`Error::InvalidInput`] and nothing goes out.

use ccapi_transport::Error;

use crate::models::Watch;

/// `value` has at most `max` characters (the documentation's "Max length").
pub fn max_chars(field: &str, value: &str, max: usize) -> Result<(), Error> {
    let count = value.chars().count();
    if count > max {
        return Err(Error::invalid_input(
            field.to_owned(),
            format!("{count} characters; Agendize accepts at most {max}"),
        ));
    }
    Ok(())
}

/// `value` is not empty (nor only spaces).
pub fn required(field: &str, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(
            field.to_owned(),
            "required, and empty",
        ));
    }
    Ok(())
}

/// `value` is a web colour, `#` and six hexadecimal digits (`#ff8800`).
pub fn web_color(field: &str, value: &str) -> Result<(), Error> {
    let valid = value
        .strip_prefix('#')
        .is_some_and(|hex| hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()));
    if !valid {
        return Err(Error::invalid_input(
            field.to_owned(),
            format!("`{value}` is not a web colour (#xxxxxx)"),
        ));
    }
    Ok(())
}

/// A watch must name an absolute `http`/`https` address to deliver notifications to.
pub fn watch(watch: &Watch) -> Result<(), Error> {
    required("address", &watch.address)?;
    ccapi_transport::validate::http_url("address", &watch.address)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: Result<(), Error>) -> String {
        match result {
            Err(Error::InvalidInput { field, .. }) => field.unwrap_or_default().into_owned(),
            other => panic!("expected an input error, got {other:?}"),
        }
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(max_chars("name", &"é".repeat(128), 128).is_ok());
        assert_eq!(field_of(max_chars("name", &"a".repeat(129), 128)), "name");
    }

    #[test]
    fn colours_and_addresses_are_checked() {
        assert!(web_color("tags[0].color", "#A0b1C2").is_ok());
        for bad in ["ff8800", "#ff880", "#ff88000", "#gg8800", "red"] {
            assert_eq!(
                field_of(web_color("tags[0].color", bad)),
                "tags[0].color",
                "{bad}"
            );
        }
        let mut subscription = Watch {
            address: "https://hooks.example.com/agendize".to_owned(),
            ..Watch::default()
        };
        assert!(watch(&subscription).is_ok());
        for bad in [
            "",
            "   ",
            "hooks.example.com/x",
            "ftp://hooks.example.com",
            "mailto:a@b.c",
        ] {
            subscription.address = bad.to_owned();
            assert_eq!(field_of(watch(&subscription)), "address", "{bad}");
        }
    }
}
