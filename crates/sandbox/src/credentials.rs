//! The credentials the sandbox accepts. Not secrets: they exist only on your machine.

/// Agendize `apiKey`.
pub const AGENDIZE_API_KEY: &str = "sandbox-agendize-api-key";
/// Agendize SSO `token`.
pub const AGENDIZE_TOKEN: &str = "sandbox-agendize-sso-token";
/// An Agendize OAuth2 access token (sent as a bearer).
pub const AGENDIZE_ACCESS_TOKEN: &str = "sandbox-agendize-access-token";

/// Ziwo login user name.
pub const ZIWO_USERNAME: &str = "admin@sandbox.test";
/// A Ziwo agent's login user name (same password): logs in as `type: "agent"`, which Ziwo's
/// Android SDK requires of its user.
pub const ZIWO_AGENT_USERNAME: &str = "agent@sandbox.test";
/// Ziwo login password.
pub const ZIWO_PASSWORD: &str = "sandbox-password";
/// Ziwo `api_key` (CTI and admin routes).
pub const ZIWO_API_KEY: &str = "sandbox-ziwo-api-key";

/// iAdvize API key.
pub const IADVIZE_API_KEY: &str = "sandbox-iadvize-api-key";

/// VBC OAuth2 client id.
pub const VBC_CLIENT_ID: &str = "sandbox-vbc-client";
/// VBC OAuth2 client secret.
pub const VBC_CLIENT_SECRET: &str = "sandbox-vbc-secret";
/// VBC user name (with the `@vbc.prod` suffix the password grant requires).
pub const VBC_USERNAME: &str = "sandbox@vbc.prod";
/// VBC password.
pub const VBC_PASSWORD: &str = "sandbox-vbc-password";
/// The VBC account id the sandbox serves.
pub const VBC_ACCOUNT_ID: &str = "1234";

/// The form of the VBC password grant that the sandbox's token endpoint accepts, for tools
/// that sign in without `cc-voice` (a contract tester, a plain HTTP client).
pub const VBC_PASSWORD_GRANT_FORM: [(&str, &str); 6] = [
    ("grant_type", "password"),
    ("username", VBC_USERNAME),
    ("password", VBC_PASSWORD),
    ("client_id", VBC_CLIENT_ID),
    ("client_secret", VBC_CLIENT_SECRET),
    ("scope", "openid"),
];
