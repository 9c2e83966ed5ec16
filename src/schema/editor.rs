//! Reshapes the generated schema for editors (the Red Hat YAML language server, which VS Code's
//! YAML extension runs). That server completes a key with `key: ` and fills an object's
//! skeleton only from a property's own `type`, and shows a property's own `title` and
//! `description` on hover; schemars wraps a described `$ref` in a one-item `allOf` (or an
//! `anyOf` with null), which hides all three. So: objects stay plain `$ref`s with the key's title
//! and description beside them; scalar definitions are written into each property, with the
//! key's words first and the form of the value after.

use serde_json::{Map, Value, json};

/// Rewrites every property of every object in `root`, and gives the definitions named in
/// `titles` their title.
pub fn reshape(root: &mut Map<String, Value>, titles: &[(&str, &str)]) {
    let definitions = root.get("definitions").cloned().unwrap_or(Value::Null);
    root.values_mut()
        .for_each(|child| reshape_within(child, &definitions));
    reshape_properties(root, &definitions);
    let Some(Value::Object(definitions)) = root.get_mut("definitions") else {
        return;
    };
    for (name, title) in titles {
        if let Some(Value::Object(definition)) = definitions.get_mut(*name) {
            definition.insert("title".into(), (*title).into());
        }
    }
}

fn reshape_within(value: &mut Value, definitions: &Value) {
    match value {
        Value::Object(map) => {
            reshape_properties(map, definitions);
            map.values_mut()
                .for_each(|child| reshape_within(child, definitions));
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|child| reshape_within(child, definitions)),
        _ => {}
    }
}

fn reshape_properties(map: &mut Map<String, Value>, definitions: &Value) {
    for keyword in ["properties", "patternProperties"] {
        if let Some(Value::Object(properties)) = map.get_mut(keyword) {
            for (key, property) in properties.iter_mut() {
                *property = plain_property(key, property, definitions, keyword);
            }
        }
    }
}

fn plain_property(key: &str, property: &Value, definitions: &Value, keyword: &str) -> Value {
    let Value::Object(property) = property else {
        return property.clone();
    };
    let mut result = match wrapped_ref(property) {
        Some((name, nullable)) => referenced(name, nullable, definitions),
        None => property.clone(),
    };
    let own_description = property.get("description").and_then(Value::as_str);
    let value_form = result.get("description").and_then(Value::as_str);
    let description = match (own_description, value_form) {
        (Some(own), Some(form)) if own != form => format!("{own}。{form}"),
        (Some(own), _) => own.to_string(),
        (None, form) => form.unwrap_or_default().to_string(),
    };
    result.remove("allOf");
    if !description.is_empty() {
        result.insert("description".into(), description.into());
    }
    if keyword == "properties" {
        result.insert("title".into(), key.into());
    }
    Value::Object(result)
}

/// `{"allOf": [{"$ref": …}]}` or `{"anyOf": [{"$ref": …}, {"type": "null"}]}`: the name of the
/// definition and whether null is allowed.
fn wrapped_ref(property: &Map<String, Value>) -> Option<(&str, bool)> {
    let (items, nullable) = match (property.get("allOf"), property.get("anyOf")) {
        (Some(Value::Array(items)), None) if items.len() == 1 => (items.iter().collect(), false),
        (None, Some(Value::Array(items))) if items.len() == 2 && items.contains(&null_type()) => {
            let others: Vec<&Value> = items.iter().filter(|i| **i != null_type()).collect();
            (others, true)
        }
        _ => return None,
    };
    let name = items.first()?.get("$ref")?.as_str()?;
    Some((name.strip_prefix("#/definitions/")?, nullable))
}

fn null_type() -> Value {
    json!({ "type": "null" })
}

/// An object definition as a plain `$ref`; a scalar one copied in, with its own `type`.
fn referenced(name: &str, nullable: bool, definitions: &Value) -> Map<String, Value> {
    let definition = definitions.get(name).and_then(Value::as_object);
    let Some(definition) = definition.filter(|d| d.get("type") != Some(&json!("object"))) else {
        let mut plain = Map::new();
        plain.insert("$ref".into(), format!("#/definitions/{name}").into());
        return plain;
    };
    let mut scalar = definition.clone();
    if !scalar.contains_key("type") {
        scalar.insert("type".into(), branch_types(&scalar).into());
    }
    if nullable {
        allow_null(&mut scalar);
    }
    scalar
}

/// The types of an `anyOf` / `oneOf`'s branches, so that the property has a `type` of its own.
fn branch_types(scalar: &Map<String, Value>) -> Vec<Value> {
    let mut types = Vec::new();
    for keyword in ["anyOf", "oneOf"] {
        let branches = scalar.get(keyword).and_then(Value::as_array);
        for branch in branches.into_iter().flatten() {
            if let Some(kind) = branch.get("type").filter(|kind| !types.contains(*kind)) {
                types.push(kind.clone());
            }
        }
    }
    types
}

fn allow_null(scalar: &mut Map<String, Value>) {
    let mut types = match scalar.remove("type") {
        Some(Value::Array(types)) => types,
        Some(kind) => vec![kind],
        None => Vec::new(),
    };
    types.push("null".into());
    scalar.insert("type".into(), types.into());
    for keyword in ["anyOf", "oneOf"] {
        if let Some(Value::Array(branches)) = scalar.get_mut(keyword) {
            branches.push(null_type());
        }
    }
}
