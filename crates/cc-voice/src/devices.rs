//! Device registrations: `devices.list` and `devices.get` (by MAC address).

use ccapi_transport::paginate::{Listing, PageCursor};
use ccapi_transport::{Error, Transport};

use crate::models::{Device, DevicePage};
use crate::operations::{DEVICES_GET, DEVICES_LIST};
use crate::pages::{into_page, ListFilter};

/// The devices of one account; from [`Client::devices`](crate::Client::devices).
#[derive(Debug, Clone)]
pub struct Devices {
    transport: Transport,
    account_id: String,
}

impl Devices {
    pub(crate) fn new(transport: Transport, account_id: &str) -> Self {
        Self {
            transport,
            account_id: account_id.to_owned(),
        }
    }

    /// One page of device registrations (`GET /registration/accounts/{account_id}/devices`).
    pub async fn list(&self, filter: &ListFilter) -> Result<DevicePage, Error> {
        check(filter)?;
        self.fetch(filter, &filter.first_cursor()).await
    }

    /// Every device registration, page after page, fetched lazily.
    pub fn list_all(&self, filter: &ListFilter) -> Listing<Device> {
        if let Err(error) = check(filter) {
            return Listing::failed(error);
        }
        let (devices, filter) = (self.clone(), filter.clone());
        self.transport.listing(filter.first_cursor(), move |at| {
            let (devices, filter) = (devices.clone(), filter.clone());
            async move {
                let answer = devices.fetch(&filter, &at).await?;
                let path = format!("/registration/accounts/{}/devices", devices.account_id);
                Ok(into_page(answer, &path, &at))
            }
        })
    }

    async fn fetch(&self, filter: &ListFilter, at: &PageCursor) -> Result<DevicePage, Error> {
        self.transport
            .execute(
                DEVICES_LIST
                    .request()
                    .path_param("account_id", &self.account_id)
                    .query(filter.query_at(at)),
            )
            .await
    }

    /// One device's registration, by MAC address: six pairs of hexadecimal digits separated
    /// by `-` (`79-5C-7D-28-1B-B3`), checked before sending.
    pub async fn get(&self, mac_address: &str) -> Result<Device, Error> {
        check_mac_address(mac_address)?;
        self.transport
            .execute(
                DEVICES_GET
                    .request()
                    .path_param("account_id", &self.account_id)
                    .path_param("device_id", mac_address),
            )
            .await
    }
}

fn check(filter: &ListFilter) -> Result<(), Error> {
    if filter.extension.is_some() {
        return Err(Error::invalid_input(
            "extension",
            "devices.list has no extension filter",
        ));
    }
    filter.check()
}

/// `79-5C-7D-28-1B-B3`: six pairs of hexadecimal digits separated by `-`.
pub fn check_mac_address(mac_address: &str) -> Result<(), Error> {
    let pairs: Vec<&str> = mac_address.split('-').collect();
    let valid = pairs.len() == 6
        && pairs
            .iter()
            .all(|pair| pair.len() == 2 && pair.bytes().all(|b| b.is_ascii_hexdigit()));
    if valid {
        Ok(())
    } else {
        Err(Error::invalid_input(
            "device_id",
            format!("`{mac_address}` is not a MAC address like 79-5C-7D-28-1B-B3"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_addresses_are_six_hex_pairs_with_dashes() {
        for good in ["79-5C-7D-28-1B-B3", "38-99-62-93-e2-a9"] {
            assert!(check_mac_address(good).is_ok(), "{good}");
        }
        for bad in [
            "79:5C:7D:28:1B:B3",
            "795C7D281BB3",
            "79-5C-7D-28-1B",
            "79-5C-7D-28-1B-G3",
            "",
            "79-5C-7D-28-1B-B3-00",
        ] {
            assert!(check_mac_address(bad).is_err(), "{bad}");
        }
    }
}
