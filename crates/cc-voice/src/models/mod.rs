//! VBC Telephony models, generated from `fixtures/cc-voice` (see `docs/codegen.md`), plus the
//! typed leg actions that a sample cannot express.

mod generated;

pub use generated::*;

use ccapi_transport::decode::LenientString;

impl Contact {
    /// A contact of `kind` reached at `destination`.
    pub fn new(kind: ContactType, destination: impl Into<String>) -> Self {
        Self {
            destination: LenientString(destination.into()),
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
    /// Attended transfer to another leg: `{"state": "active", "to": {"destination": leg_id,
    /// "type": "leg"}}`.
    AttendedTransfer {
        /// The leg to connect this one to.
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
                stream: Some(true),
                stream_url: Some(url.clone()),
                ..empty
            },
            Self::StopStream => LegUpdate {
                stream: Some(false),
                ..empty
            },
            Self::BlindTransfer(contact) => LegUpdate {
                state: Some(LegState::Active),
                to: Some(contact.clone()),
                ..empty
            },
            Self::AttendedTransfer { leg_id } => LegUpdate {
                state: Some(LegState::Active),
                to: Some(Contact::new(ContactType::Leg, leg_id.clone())),
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
