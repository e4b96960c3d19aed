//! Ziwo's day filters, `fromDate` and `toDate` (`YYYY-MM-DD`), as the call history, the call
//! trackers' logs and the agent's own calls take them.

use ccapi_transport::{Error, Query};
use chrono::NaiveDate;

/// Refuses a range that ends before it starts (nothing could match), before sending.
pub fn check(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(), Error> {
    match (from, to) {
        (Some(from), Some(to)) if from > to => Err(Error::invalid_input(
            "fromDate",
            format!("{from} is after toDate {to}: nothing can match"),
        )),
        _ => Ok(()),
    }
}

/// Adds `fromDate` and `toDate`, when given, to `query`.
pub fn push(query: &mut Query, from: Option<NaiveDate>, to: Option<NaiveDate>) {
    query.push_opt("fromDate", from.map(|day| day.format("%Y-%m-%d")));
    query.push_opt("toDate", to.map(|day| day.format("%Y-%m-%d")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_checked_and_sent_as_dates() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 5, d).expect("a day");
        assert!(check(Some(day(1)), Some(day(1))).is_ok());
        assert!(check(None, Some(day(1))).is_ok());
        let refused = check(Some(day(2)), Some(day(1))).expect_err("reversed");
        assert_eq!(
            refused.to_string(),
            "invalid input for `fromDate`: 2024-05-02 is after toDate 2024-05-01: nothing can match"
        );
        let mut query = Query::new();
        push(&mut query, Some(day(1)), Some(day(31)));
        assert_eq!(query.encode(), "fromDate=2024-05-01&toDate=2024-05-31");
        let mut only_end = Query::new();
        push(&mut only_end, None, Some(day(31)));
        assert_eq!(only_end.encode(), "toDate=2024-05-31");
    }
}
