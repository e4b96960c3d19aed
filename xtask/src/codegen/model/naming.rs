//! Rust names from JSON names: fields, structs made for nested objects, enum variants.

use heck::{ToPascalCase, ToSnakeCase};

pub(super) fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "(the whole value)"
    } else {
        path
    }
}

/// `preferences` → `Preferences`; an array element `tags` → `Tag`.
pub fn struct_name(field_name: &str, element: bool) -> String {
    let name = sanitize(field_name).to_pascal_case();
    let name = if element { singular(&name) } else { name };
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Item{name}")
    } else {
        name
    }
}

pub(super) fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        if stem.len() > 1 {
            return format!("{stem}y");
        }
    }
    if ["ss", "us", "is"]
        .iter()
        .any(|ending| name.ends_with(ending))
    {
        return name.to_owned();
    }
    match name.strip_suffix('s') {
        Some(stem) if stem.len() > 2 => stem.to_owned(),
        _ => name.to_owned(),
    }
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// `trackingPhoneNumber` → `tracking_phone_number`; `type` → `r#type`; `2fa` → `_2fa`.
pub fn rust_field_name(json_name: &str) -> String {
    let snake = sanitize(json_name).to_snake_case();
    let snake = if snake.is_empty() {
        "field".to_owned()
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{snake}")
    } else {
        snake
    };
    match snake.as_str() {
        // Keywords that cannot be raw identifiers, and the field that keeps unknown members.
        "self" | "super" | "crate" | "extern" | "extra" => format!("{snake}_"),
        _ if is_keyword(&snake) => format!("r#{snake}"),
        _ => snake,
    }
}

fn is_keyword(word: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do",
        "dyn", "else", "enum", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
        "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
        "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
        "virtual", "where", "while", "yield",
    ];
    KEYWORDS.contains(&word)
}

/// `on-call` → `OnCall`, `USD` → `Usd`, `0` → `V0`.
pub fn variant_name(value: &str) -> String {
    let name = sanitize(value).to_pascal_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    }
}
