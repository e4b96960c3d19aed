//! Skills: `skill.list`, `get`, `create`, `update`, `delete`.

use ccapi_transport::Endpoint;

use crate::collection::{Resource, Resources, Writable};
use crate::models::{Skill, SkillInput};
use crate::operations;
use crate::query::{filters, resource, SkillQuery};

/// Your skills; from [`Client::skills`](crate::Client::skills).
pub type Skills = Resources<resource::Skill>;

impl Writable for resource::Skill {
    type Input = SkillInput;
    const CREATE: &'static Endpoint = &operations::SKILL_CREATE;
    const UPDATE: &'static Endpoint = &operations::SKILL_UPDATE;
    const DELETE: &'static Endpoint = &operations::SKILL_DELETE;
}

impl Resource for resource::Skill {
    type Model = Skill;
    const LIST: &'static Endpoint = &operations::SKILL_LIST;
    const GET: &'static Endpoint = &operations::SKILL_GET;
}

filters!(SkillQuery {
    /// Operator identifier.
    operator_id(id: i64) => "operator_id", id.to_string();
    /// Parent skill identifier.
    parent_id(id: i64) => "parent_id", id.to_string();
});
