//! Where each API is and with which credentials: the environment variables, `--base-url`, or
//! the embedded sandbox.

use ccapi_sandbox::credentials as sandbox;
use ccapi_transport::{env_var, ClientConfig, Error};

/// The user agent of the command line.
pub const USER_AGENT: &str = concat!("ccapi-cli/", env!("CARGO_PKG_VERSION"));

/// The sandbox's base URLs, when `--sandbox` runs one.
#[derive(Debug, Clone)]
pub struct SandboxUrls {
    /// Agendize.
    pub agendize: String,
    /// Ziwo.
    pub ziwo: String,
    /// iAdvize.
    pub iadvize: String,
    /// VBC API.
    pub vbc: String,
    /// VBC token endpoint.
    pub vbc_token: String,
}

impl SandboxUrls {
    /// The APIs of a sandbox whose root URL is `root` (`http://127.0.0.1:8787`).
    pub fn at(root: &str) -> Self {
        use ccapi_sandbox::paths;
        let root = root.trim_end_matches('/');
        Self {
            agendize: format!("{root}{}", paths::AGENDIZE),
            ziwo: format!("{root}{}", paths::ZIWO),
            iadvize: format!("{root}{}", paths::IADVIZE),
            vbc: format!("{root}{}", paths::VBC),
            vbc_token: format!("{root}{}", paths::VBC_TOKEN),
        }
    }
}

/// Client factory for one invocation.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `--base-url`: replaces the provider's base URL.
    pub base_url: Option<String>,
    /// `--sandbox`.
    pub sandbox: Option<SandboxUrls>,
    /// `--max-response-bytes`: the largest answer read into memory (the transport's default,
    /// 32 MiB, when not given).
    pub max_response_bytes: Option<u64>,
    /// Sessions kept by `ccapi auth login` (not used with a sandbox).
    pub kept: std::sync::Arc<crate::session::Kept>,
    /// `--timeout` (or `CCAPI_TIMEOUT`): the total deadline of each call.
    pub total_timeout: Option<std::time::Duration>,
    /// The HTTP client trusting `SSL_CERT_FILE` / `SSL_CERT_DIR` besides the built-in roots,
    /// when either is set ([`client_trusting_env_certificates`]).
    pub http: Option<ccapi_transport::reqwest::Client>,
}

/// An HTTP client that also trusts the certificates of `SSL_CERT_FILE` (a PEM bundle) and
/// `SSL_CERT_DIR` (a folder of PEM files, as OpenSSL keeps them), as OpenSSL-based tools do:
/// for a corporate proxy or a private CA. `None` when neither is set. rustls, the default TLS,
/// reads neither variable on its own.
pub fn client_trusting_env_certificates(
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<ccapi_transport::reqwest::Client>, String> {
    use ccapi_transport::reqwest::Certificate;
    let mut certificates = Vec::new();
    if let Some(file) = lookup("SSL_CERT_FILE") {
        let pem = std::fs::read(&file).map_err(|err| format!("SSL_CERT_FILE {file}: {err}"))?;
        let found = Certificate::from_pem_bundle(&pem)
            .map_err(|err| format!("SSL_CERT_FILE {file}: not a PEM bundle ({err})"))?;
        if found.is_empty() {
            return Err(format!("SSL_CERT_FILE {file}: holds no PEM certificate"));
        }
        certificates.extend(found);
    }
    if let Some(dir) = lookup("SSL_CERT_DIR") {
        let entries =
            std::fs::read_dir(&dir).map_err(|err| format!("SSL_CERT_DIR {dir}: {err}"))?;
        for entry in entries.flatten() {
            // Files that are not certificates (a README, hash links to the same ones) are
            // skipped, as OpenSSL does.
            if let Ok(pem) = std::fs::read(entry.path()) {
                certificates.extend(Certificate::from_pem_bundle(&pem).unwrap_or_default());
            }
        }
    }
    if lookup("SSL_CERT_FILE").is_none() && lookup("SSL_CERT_DIR").is_none() {
        return Ok(None);
    }
    let builder = certificates.into_iter().fold(
        ccapi_transport::http_client_builder().connect_timeout(std::time::Duration::from_secs(10)),
        |builder, certificate| builder.add_root_certificate(certificate),
    );
    builder
        .build()
        .map(Some)
        .map_err(|err| format!("the HTTP client cannot be built: {err}"))
}

impl Env {
    fn config(
        &self,
        sandbox_url: impl Fn(&SandboxUrls) -> &str,
        default: impl FnOnce() -> Result<ClientConfig, Error>,
    ) -> Result<ClientConfig, Error> {
        let config = match (&self.base_url, &self.sandbox) {
            (Some(url), _) => ClientConfig::new(url, USER_AGENT)?,
            (None, Some(urls)) => ClientConfig::new(sandbox_url(urls), USER_AGENT)?,
            (None, None) => default()?,
        };
        let config = match self.total_timeout {
            Some(total) => config.total_timeout(total),
            None => config,
        };
        let config = match &self.http {
            Some(http) => config.http_client(http.clone()),
            None => config,
        };
        Ok(match self.max_response_bytes {
            Some(limit) => config.max_response_bytes(limit),
            None => config,
        })
    }

    /// Whether the sandbox's own credentials are used.
    fn sandboxed(&self) -> bool {
        self.sandbox.is_some() && self.base_url.is_none()
    }

    fn agendize_credentials(&self) -> Result<agendize_calls::Credentials, Error> {
        if self.sandboxed() {
            return Ok(agendize_calls::Credentials::api_key(
                sandbox::AGENDIZE_API_KEY.into(),
                sandbox::AGENDIZE_TOKEN.into(),
            ));
        }
        agendize_calls::Credentials::from_env()
    }

    /// An agendize-calls client.
    pub fn agendize_calls(&self) -> Result<agendize_calls::Client, Error> {
        let config = self.config(
            |u| &u.agendize,
            || {
                ClientConfig::from_env_or(
                    "AGENDIZE_BASE_URL",
                    agendize_calls::DEFAULT_BASE_URL,
                    USER_AGENT,
                )
            },
        )?;
        agendize_calls::Client::with_config(config, self.agendize_credentials()?)
    }

    /// An agendize-resellers client.
    pub fn agendize_resellers(&self) -> Result<agendize_resellers::Client, Error> {
        let config = self.config(
            |u| &u.agendize,
            || {
                ClientConfig::from_env_or(
                    "AGENDIZE_BASE_URL",
                    agendize_resellers::DEFAULT_BASE_URL,
                    USER_AGENT,
                )
            },
        )?;
        agendize_resellers::Client::with_config(config, self.agendize_credentials()?)
    }

    /// Where Ziwo is: `--base-url`, the sandbox, `ZIWO_BASE_URL`, or `ZIWO_INSTANCE`.
    pub fn ziwo_config(&self) -> Result<ClientConfig, Error> {
        self.config(
            |u| &u.ziwo,
            || {
                if let Some(url) = env_var("ZIWO_BASE_URL") {
                    return ClientConfig::new(&url, USER_AGENT)
                        .map_err(|err| Error::invalid_input("ZIWO_BASE_URL", err.to_string()));
                }
                let instance = env_var("ZIWO_INSTANCE").ok_or_else(|| {
                    Error::invalid_input("ZIWO_INSTANCE", "set ZIWO_INSTANCE (or pass --base-url)")
                })?;
                ziwo_core::client::instance_config(&instance)
            },
        )
    }

    fn ziwo_login(&self) -> Result<ziwo_core::client::Credentials, Error> {
        if self.sandboxed() {
            return Ok(ziwo_core::client::Credentials::login(
                sandbox::ZIWO_USERNAME,
                sandbox::ZIWO_PASSWORD.into(),
            ));
        }
        match &self.kept.ziwo {
            Ok(Some(token)) => {
                return Ok(ziwo_core::client::Credentials::AccessToken(token.clone()))
            }
            Ok(None) => {}
            Err(unusable) => return Err(Error::invalid_input("session", unusable.clone())),
        }
        ziwo_core::client::Credentials::from_env()
    }

    /// A ziwo-admin client.
    pub fn ziwo_admin(&self) -> Result<ziwo_admin::Client, Error> {
        ziwo_admin::Client::with_config(self.ziwo_config()?, self.ziwo_login()?)
    }

    /// A ziwo-crm client.
    pub fn ziwo_crm(&self) -> Result<ziwo_crm::Client, Error> {
        ziwo_crm::Client::with_config(self.ziwo_config()?, self.ziwo_login()?)
    }

    /// A ziwo-cti client (with the `api_key`).
    pub fn ziwo_cti(&self) -> Result<ziwo_cti::Client, Error> {
        let credentials = if self.sandboxed() {
            ziwo_core::client::Credentials::ApiKey(sandbox::ZIWO_API_KEY.into())
        } else {
            ziwo_core::client::Credentials::api_key_from_env()?
        };
        ziwo_cti::Client::with_config(self.ziwo_config()?, credentials)
    }

    /// A ziwo-cti client with an agent's own credentials (`ZIWO_ACCESS_TOKEN`, or
    /// `ZIWO_USERNAME` and `ZIWO_PASSWORD`), for the session routes and click to call.
    pub fn ziwo_agent(&self) -> Result<ziwo_cti::Client, Error> {
        ziwo_cti::Client::with_config(self.ziwo_config()?, self.ziwo_login()?)
    }

    /// An iadvize-rest client.
    pub fn iadvize(&self) -> Result<iadvize_rest::Client, Error> {
        let config = self.config(
            |u| &u.iadvize,
            || {
                ClientConfig::from_env_or(
                    "IADVIZE_BASE_URL",
                    iadvize_rest::Host::Standard.base_url(),
                    USER_AGENT,
                )
            },
        )?;
        let credentials = if self.sandboxed() {
            iadvize_rest::Credentials::api_key(sandbox::IADVIZE_API_KEY.into())
        } else {
            iadvize_rest::Credentials::from_env()?
        };
        iadvize_rest::Client::with_config(config, credentials)
    }

    /// The transport of `api`'s client (`iadvize-rest`), with its credentials, envelope and
    /// retries.
    pub fn transport(
        &self,
        api: &str,
    ) -> Result<ccapi_transport::Transport, crate::invocation::Failure> {
        Ok(match api {
            "agendize-calls" => self.agendize_calls()?.transport().clone(),
            "agendize-resellers" => self.agendize_resellers()?.transport().clone(),
            "ziwo-admin" => self.ziwo_admin()?.transport().clone(),
            "ziwo-cti" => self.ziwo_cti()?.transport().clone(),
            "ziwo-crm" => self.ziwo_crm()?.transport().clone(),
            "iadvize-rest" => self.iadvize()?.transport().clone(),
            "cc-voice" => self.cc_voice()?.transport().clone(),
            other => {
                return Err(crate::invocation::Failure::Usage(format!(
                    "unknown API `{other}`"
                )))
            }
        })
    }

    /// Where the VBC API is: `--base-url`, the sandbox, `VBC_BASE_URL`, or Vonage's.
    pub fn vbc_config(&self) -> Result<ClientConfig, Error> {
        self.config(
            |u| &u.vbc,
            || ClientConfig::from_env_or("VBC_BASE_URL", cc_voice::DEFAULT_BASE_URL, USER_AGENT),
        )
    }

    /// A cc-voice client: the sandbox's credentials, the session `ccapi auth login vbc` kept,
    /// or the environment (`VBC_TOKEN_URL` replaces the token endpoint).
    pub fn cc_voice(&self) -> Result<cc_voice::Client, Error> {
        let config = self.vbc_config()?;
        if !self.sandboxed() {
            match &self.kept.vbc {
                Ok(Some((store, session))) => {
                    let wait = self.total_timeout.unwrap_or(crate::cli::DEFAULT_TIMEOUT);
                    let credentials = crate::session::vbc_credentials(store, session, wait)?;
                    return cc_voice::Client::with_config(config, credentials);
                }
                Ok(None) => {}
                Err(unusable) => return Err(Error::invalid_input("session", unusable.clone())),
            }
        }
        let credentials = match self.sandbox.as_ref().filter(|_| self.base_url.is_none()) {
            Some(urls) => cc_voice::Credentials::password_at(
                &urls.vbc_token,
                sandbox::VBC_CLIENT_ID,
                sandbox::VBC_CLIENT_SECRET.into(),
                sandbox::VBC_USERNAME,
                sandbox::VBC_PASSWORD.into(),
            )?,
            None => cc_voice::Credentials::from_env()?,
        };
        cc_voice::Client::with_config(config, credentials)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(pairs: Vec<(&'static str, String)>) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(known, _)| *known == name)
                .map(|(_, value)| value.clone())
        }
    }

    fn data(name: &str) -> String {
        format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn ssl_cert_file_and_dir_are_trusted_or_refused_clearly() {
        assert!(client_trusting_env_certificates(&lookup(vec![]))
            .expect("nothing to load")
            .is_none());
        let bundle = lookup(vec![("SSL_CERT_FILE", data("isrg-root-x1.pem"))]);
        assert!(client_trusting_env_certificates(&bundle)
            .expect("a PEM bundle")
            .is_some());
        // A folder of PEM files, with something else among them.
        let dir = lookup(vec![("SSL_CERT_DIR", data(""))]);
        assert!(client_trusting_env_certificates(&dir)
            .expect("a folder")
            .is_some());

        let missing = lookup(vec![("SSL_CERT_FILE", "/nonexistent/ca.pem".to_owned())]);
        let why = client_trusting_env_certificates(&missing).expect_err("missing");
        assert!(
            why.starts_with("SSL_CERT_FILE /nonexistent/ca.pem: "),
            "{why}"
        );
        let not_pem = lookup(vec![(
            "SSL_CERT_FILE",
            format!("{}/Cargo.toml", env!("CARGO_MANIFEST_DIR")),
        )]);
        let why = client_trusting_env_certificates(&not_pem).expect_err("not PEM");
        assert!(why.ends_with("holds no PEM certificate"), "{why}");
    }
}
