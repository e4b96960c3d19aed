//! Skills: `skill.list`, `get`, `create`, `update`, `delete`.

use ccapi_transport::Transport;

use crate::collection::{readable, writable, Collection};
use crate::models::{Skill, SkillInput};
use crate::query::{filters, SkillQuery};

/// Your skills; from [`Client::skills`](crate::Client::skills).
#[derive(Debug, Clone)]
pub struct Skills {
    collection: Collection,
}

impl Skills {
    pub(crate) fn new(transport: &Transport) -> Self {
        Self {
            collection: Collection::new(transport),
        }
    }
}

readable!(Skills, Skill, SkillQuery, list: SKILL_LIST, get: SKILL_GET);
writable!(Skills, Skill, SkillInput, create: SKILL_CREATE, update: SKILL_UPDATE, delete: SKILL_DELETE);

filters!(SkillQuery {
    /// Operator identifier.
    operator_id(id: i64) => "operator_id", id.to_string();
    /// Parent skill identifier.
    parent_id(id: i64) => "parent_id", id.to_string();
});
