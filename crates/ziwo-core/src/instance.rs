//! Where a Ziwo instance lives: `acme` → `https://acme-api.aswat.co`.

use ccapi_transport::Error;

/// The API base URL of the instance `name`, checked to be a DNS label (letters, digits and
/// inner hyphens, at most 63) before anything is sent: `evil.com/x` or `a.b` cannot redirect
/// credentials to another host.
pub fn base_url(name: &str) -> Result<String, Error> {
    let valid = !name.is_empty()
        && name.len() <= 63
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if !valid {
        return Err(Error::invalid_input(
            "instance",
            format!("`{name}` is not an instance name (letters, digits and hyphens)"),
        ));
    }
    Ok(crate::operations::BASE_URL_TEMPLATE.replace("{instance}", &name.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_names_are_dns_labels() {
        assert_eq!(
            base_url("acme").expect("valid"),
            "https://acme-api.aswat.co"
        );
        assert_eq!(
            base_url("your-ziwo").expect("valid"),
            "https://your-ziwo-api.aswat.co"
        );
        for bad in [
            "",
            "a.b",
            "evil.com/x",
            "-acme",
            "acme-",
            "ac me",
            "acme@x",
            &"a".repeat(64),
        ] {
            assert!(
                matches!(base_url(bad), Err(Error::InvalidInput { field: Some(f), .. }) if f == "instance"),
                "{bad}"
            );
        }
    }
}
