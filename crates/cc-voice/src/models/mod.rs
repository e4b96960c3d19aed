//! VBC Telephony models, generated from `fixtures/cc-voice` (see `docs/codegen.md`), plus the
//! typed leg actions that a sample cannot express.

mod generated;

pub use generated::*;

use ccapi_transport::decode::{LenientBool, LenientString};
use ccapi_transport::Error;
use serde::{Deserialize, Serialize};

impl Contact {
    /// A contact of `kind` reached at `destination`.
    pub fn new(kind: ContactType, destination: impl Into<String>) -> Self {
        Self {
            destination: LenientString::new(destination),
            kind,
            extra: Default::default(),
        }
    }

    /// An extension number.
    pub fn extension(number: impl Into<String>) -> Self {
        Self::new(ContactType::Extension, number)
    }

    /// A device, by its VH id.
    pub fn device(id: impl Into<String>) -> Self {
        Self::new(ContactType::Device, id)
    }

    /// A phone number on the public network.
    pub fn pstn(number: impl Into<String>) -> Self {
        Self::new(ContactType::Pstn, number)
    }

    /// A feature code (`*97`).
    pub fn feature_code(code: impl Into<String>) -> Self {
        Self::new(ContactType::FeatureCode, code)
    }
}

impl NewCall {
    /// A call from `from` to `to`, set up as `call_type`.
    pub fn new(from: Contact, to: Contact, call_type: CallType) -> Self {
        Self {
            from,
            to,
            call_type,
            extra: Default::default(),
        }
    }
}

/// Where a leg update's `to` points.
///
/// The seed sends a contact for both transfers (for an attended transfer, `{"destination": leg,
/// "type": "leg"}`); Vonage's OpenAPI file also documents an attended transfer whose `to` is the
/// other leg's UUID alone (`LegAttTransferRequestBody`). Both decode and encode as received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum LegTarget {
    /// A contact: an extension, device, number, or another leg (`type: leg`).
    Contact(Contact),
    /// Another leg of the call, by its UUID.
    LegId(String),
}

/// What `legs.update` does to a leg: one action per request, each sent as the body the API
/// documents for it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum LegAction {
    /// Put the leg on hold: `{"state": "held"}`.
    Hold,
    /// Take the leg off hold, or answer it: `{"state": "active"}`.
    Unhold,
    /// Send DTMF digits: `{"dtmf": "*123#"}`.
    SendDtmf(String),
    /// Stream the media at a URL to the leg: `{"stream": true, "stream_url": ...}`.
    StartStream {
        /// URL of the media.
        url: String,
    },
    /// Stop streaming: `{"stream": false}`.
    StopStream,
    /// Blind transfer to a contact: `{"state": "active", "to": {...}}`.
    BlindTransfer(Contact),
    /// Attended transfer to another leg, as the seed sends it: `{"state": "active", "to":
    /// {"destination": leg_id, "type": "leg"}}`.
    AttendedTransfer {
        /// The leg to connect this one to.
        leg_id: String,
    },
    /// Attended transfer to another leg, as Vonage's OpenAPI file documents it
    /// (`LegAttTransferRequestBody`): `{"to": leg_id}`.
    AttendedTransferToLeg {
        /// The leg to connect this one to (a UUID).
        leg_id: String,
    },
    /// Start recording with `service`: `{"recording": "start", "service": ...}`.
    StartRecording(RecordingService),
    /// Stop recording with `service`: `{"recording": "stop", "service": ...}`.
    StopRecording(RecordingService),
}

impl LegAction {
    /// The request body of this action.
    pub fn body(&self) -> LegUpdate {
        let empty = LegUpdate::default();
        match self {
            Self::Hold => LegUpdate {
                state: Some(LegState::Held),
                ..empty
            },
            Self::Unhold => LegUpdate {
                state: Some(LegState::Active),
                ..empty
            },
            Self::SendDtmf(digits) => LegUpdate {
                dtmf: Some(digits.clone()),
                ..empty
            },
            Self::StartStream { url } => LegUpdate {
                stream: Some(LenientBool(true)),
                stream_url: Some(url.clone()),
                ..empty
            },
            Self::StopStream => LegUpdate {
                stream: Some(LenientBool(false)),
                ..empty
            },
            Self::BlindTransfer(contact) => LegUpdate {
                state: Some(LegState::Active),
                to: Some(LegTarget::Contact(contact.clone())),
                ..empty
            },
            Self::AttendedTransfer { leg_id } => LegUpdate {
                state: Some(LegState::Active),
                to: Some(LegTarget::Contact(Contact::new(
                    ContactType::Leg,
                    leg_id.clone(),
                ))),
                ..empty
            },
            Self::AttendedTransferToLeg { leg_id } => LegUpdate {
                to: Some(LegTarget::LegId(leg_id.clone())),
                ..empty
            },
            Self::StartRecording(service) => LegUpdate {
                recording: Some(RecordingAction::Start),
                service: Some(service.clone()),
                ..empty
            },
            Self::StopRecording(service) => LegUpdate {
                recording: Some(RecordingAction::Stop),
                service: Some(service.clone()),
                ..empty
            },
        }
    }
}

impl LegAction {
    /// The action a `legs.update` body describes (the `ccapi` command line's `--body`, a body
    /// stored by your service): exactly one of the documented actions, or an
    /// [`Error::InvalidInput`] saying which forms exist. Members the body carries beyond its
    /// action are not looked at here; [`Legs::update_body`](crate::legs::Legs::update_body)
    /// sends them as given.
    pub fn from_body(body: &LegUpdate) -> Result<Self, Error> {
        let invalid = |what: &str| Err(Error::invalid_input("body", what.to_owned()));
        let LegUpdate {
            state,
            dtmf,
            stream,
            stream_url,
            to,
            recording,
            service,
            ..
        } = body;
        match (state, dtmf, stream, to, recording) {
            (Some(LegState::Held), None, None, None, None) => Ok(Self::Hold),
            (Some(LegState::Active), None, None, None, None) => Ok(Self::Unhold),
            (Some(LegState::Active), None, None, Some(LegTarget::Contact(to)), None) => {
                Ok(if to.kind == ContactType::Leg {
                    Self::AttendedTransfer {
                        leg_id: to.destination.as_str().to_owned(),
                    }
                } else {
                    Self::BlindTransfer(to.clone())
                })
            }
            (None, None, None, Some(LegTarget::LegId(leg_id)), None) => {
                Ok(Self::AttendedTransferToLeg {
                    leg_id: leg_id.clone(),
                })
            }
            (None, Some(digits), None, None, None) => Ok(Self::SendDtmf(digits.clone())),
            (None, None, Some(LenientBool(true)), None, None) => match stream_url {
                Some(url) => Ok(Self::StartStream { url: url.clone() }),
                None => invalid("stream: true needs stream_url"),
            },
            (None, None, Some(LenientBool(false)), None, None) => Ok(Self::StopStream),
            (None, None, None, None, Some(action)) => match (action, service) {
                (RecordingAction::Start, Some(service)) => {
                    Ok(Self::StartRecording(service.clone()))
                }
                (RecordingAction::Stop, Some(service)) => Ok(Self::StopRecording(service.clone())),
                (_, None) => invalid("recording needs service (ccr or ocr)"),
                (other, _) => invalid(&format!("recording `{other}`: start or stop")),
            },
            _ => invalid(
                "one action: state held/active (with `to` for transfers), `to` a leg id, dtmf, \
                 stream (with stream_url), or recording with service",
            ),
        }
    }

    /// Refuses what cannot succeed: DTMF that is not digits, `*`, `#` or A-D; a stream URL that
    /// is not absolute http(s); an empty leg id.
    pub fn check(&self) -> Result<(), Error> {
        match self {
            Self::StartStream { url } => ccapi_transport::validate::http_url("stream_url", url),
            Self::SendDtmf(digits)
                if digits.is_empty()
                    || !digits
                        .chars()
                        .all(|c| c.is_ascii_digit() || "*#ABCDabcd".contains(c)) =>
            {
                Err(Error::invalid_input(
                    "dtmf",
                    format!("`{digits}` is not DTMF (digits, *, #, A-D)"),
                ))
            }
            Self::AttendedTransfer { leg_id } | Self::AttendedTransferToLeg { leg_id }
                if leg_id.trim().is_empty() =>
            {
                Err(Error::invalid_input("to", "the leg id is empty"))
            }
            _ => Ok(()),
        }
    }
}
