//! Checks the provider crates run before sending, when a value the provider will call back or
//! fetch must be a web address (watch addresses, webhook URLs, media to stream).

use crate::error::Error;

/// `value` is an absolute `http` or `https` URL with a host; otherwise an
/// [`Error::InvalidInput`] naming `field`.
pub fn http_url(field: &'static str, value: &str) -> Result<(), Error> {
    match url::Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(()),
        _ => Err(Error::invalid_input(
            field,
            format!("`{value}` is not an absolute http(s) URL"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_web_addresses_pass() {
        assert!(http_url("address", "https://hooks.example.com/a").is_ok());
        assert!(http_url("address", "http://user:pw@ct.example.com:8080/end.php").is_ok());
        for bad in [
            "",
            "hooks.example.com/x",
            "ftp://example.com",
            "mailto:a@b.c",
            "/relative",
        ] {
            assert!(
                matches!(http_url("address", bad), Err(Error::InvalidInput { field: Some(f), .. }) if f == "address"),
                "{bad}"
            );
        }
    }
}
