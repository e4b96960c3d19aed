//! Statistics: `statistic.get`, with typed indicators, channel, resource and granularity.

use ccapi_transport::{Error, Transport};

use crate::collection::Collection;
use crate::models::{Granularity, Indicator, StatisticChannel, StatisticResource, StatisticRow};
use crate::query::{date_range, filters, id_list, StatisticQuery};

/// Statistics of your websites; from [`Client::statistics`](crate::Client::statistics).
#[derive(Debug, Clone)]
pub struct Statistics {
    collection: Collection,
}

impl Statistics {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            collection: Collection::new(transport),
        }
    }

    /// The rows of `GET /statistic` for `query`: one per resource (or per period with a
    /// granularity), each with its indicators' values ([`StatisticRow::value`]).
    pub async fn get(&self, query: &StatisticQuery) -> Result<Vec<StatisticRow>, Error> {
        query.check()?;
        if query.has_granularity() && query.indicator_count() != 1 {
            return Err(Error::invalid_input(
                "granularity",
                "a granularity needs exactly one indicator",
            ));
        }
        Ok(self
            .collection
            .list(&crate::operations::STATISTIC_GET, query)
            .await?
            .items)
    }
}

impl StatisticQuery {
    /// The indicators to return (`filters[indicators]=a,b`).
    pub fn indicators(mut self, indicators: impl IntoIterator<Item = Indicator>) -> Self {
        let names: Vec<String> = indicators
            .into_iter()
            .map(|i| i.as_str().to_owned())
            .collect();
        self.set("indicators", names.join(","));
        self
    }

    fn indicator_count(&self) -> usize {
        self.filter_value("indicators").map_or(0, |names| {
            names.split(',').filter(|name| !name.is_empty()).count()
        })
    }

    fn has_granularity(&self) -> bool {
        self.filter_value("granularity").is_some()
    }
}

date_range!(StatisticQuery);

filters!(StatisticQuery {
    /// Websites (`filters[website_list]=1,2,3`).
    website_list(ids: Vec<i64>) => "website_list", id_list(ids);
    /// Website identifier. Deprecated by iAdvize: use `website_list`.
    website_id(id: i64) => "website_id", id.to_string();
    /// Channel.
    channel(channel: StatisticChannel) => "channel", channel.to_string();
    /// What to group the data by.
    resource(resource: StatisticResource) => "resource", resource.to_string();
    /// Only this resource's data.
    resource_id(id: i64) => "resource_id", id.to_string();
    /// Data per hour, day or month (with exactly one indicator).
    granularity(granularity: Granularity) => "granularity", granularity.to_string();
});
