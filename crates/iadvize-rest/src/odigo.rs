//! Odigo callbacks: `odigocallback.pickup` and `hangup` (form-encoded).

use ccapi_transport::{BoolStyle, Error, Form, Transport};

use crate::models::{OdigoCallback, Pickup};

/// The Odigo telephony callbacks; from [`Client::odigo_callbacks`](crate::Client::odigo_callbacks).
#[derive(Debug, Clone)]
pub struct OdigoCallbacks {
    transport: Transport,
}

impl OdigoCallbacks {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            transport: transport.clone(),
        }
    }

    /// An operator picked up a call (`POST /odigocallback/pickup`): returns the conversation
    /// iAdvize opened for it.
    pub async fn pickup(&self, call: &OdigoCallback) -> Result<Pickup, Error> {
        check(call)?;
        self.transport
            .execute(
                crate::operations::ODIGOCALLBACK_PICKUP
                    .request()
                    .form(&Form::from_serialize(call, BoolStyle::Digits)?),
            )
            .await
    }

    /// The call ended (`POST /odigocallback/hangup`).
    pub async fn hangup(&self, call: &OdigoCallback) -> Result<(), Error> {
        check(call)?;
        self.transport
            .execute_empty(
                crate::operations::ODIGOCALLBACK_HANGUP
                    .request()
                    .form(&Form::from_serialize(call, BoolStyle::Digits)?),
            )
            .await?;
        Ok(())
    }
}

fn check(call: &OdigoCallback) -> Result<(), Error> {
    for (field, value) in [
        ("operator_external_id", &call.operator_external_id),
        ("phone_number", &call.phone_number),
    ] {
        if value.trim().is_empty() {
            return Err(Error::invalid_input(field, "mandatory, and empty"));
        }
    }
    Ok(())
}
