//! The front matter compared key by key, driven by the content format's
//! own field list (`pakta_content::schema::spec`), so a key added to the
//! format is compared without anyone listing it here. Entries of a list of
//! tables (partners, activities, evaluations, documents) are matched by
//! their stable key and shown as the keys that changed in them.

use pakta_content::FrontMatter;
use pakta_content::schema::spec::{AGREEMENT, Field, FieldType, TableSpec};
use serde::Serialize;
use serde_json::{Map, Value};

/// One front-matter key whose value differs.
#[derive(Debug, Serialize)]
pub struct FieldChange {
    /// The key's path through the format's tables, e.g. "number",
    /// "dates.signed", "activities.benefit" or "activities.evidence.file".
    pub field: String,
    /// The list entry the key belongs to, for keys inside a list of tables.
    pub entry: Option<EntryRef>,
    /// `null` when the key was absent.
    pub from: Value,
    /// `null` when the key is absent on the head side.
    pub to: Value,
}

/// Which entry of a list of tables a change concerns.
#[derive(Debug, Clone, Serialize)]
pub struct EntryRef {
    /// The list's path, e.g. "activities".
    pub list: String,
    /// Its place in the list on the head side, from 1.
    pub position: usize,
    /// Its required keys on the head side, e.g. `{"date": …, "title": …}`.
    pub key: Value,
}

/// A whole entry of a list of tables only one side has.
#[derive(Debug, Serialize)]
pub struct ListEntry {
    /// The list's path, e.g. "partners".
    pub list: String,
    /// Its required keys, e.g. `{"name": …, "category": …}`.
    pub key: Value,
    /// The entry with every key it has.
    pub entry: Value,
}

/// What differs in the front matter of one agreement.
#[derive(Debug, Default)]
pub(crate) struct FrontChanges {
    pub fields: Vec<FieldChange>,
    pub entries_added: Vec<ListEntry>,
    pub entries_removed: Vec<ListEntry>,
}

/// Compares every key of the format, at every depth.
pub(crate) fn compare_front(before: &FrontMatter, after: &FrontMatter) -> FrontChanges {
    let mut changes = FrontChanges::default();
    let (before, after) = (as_object(before), as_object(after));
    compare_table(
        &AGREEMENT,
        "",
        Some(&before),
        Some(&after),
        None,
        &mut changes,
    );
    changes
}

fn as_object(value: &impl Serialize) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// A key's value, `None` when it is absent or empty (an empty list says
/// what no list says).
fn present<'v>(table: Option<&'v Map<String, Value>>, name: &str) -> Option<&'v Value> {
    match table?.get(name)? {
        Value::Null => None,
        Value::Array(items) if items.is_empty() => None,
        value => Some(value),
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

fn compare_table(
    spec: &'static TableSpec,
    path: &str,
    before: Option<&Map<String, Value>>,
    after: Option<&Map<String, Value>>,
    entry: Option<&EntryRef>,
    changes: &mut FrontChanges,
) {
    for field in spec.fields {
        let key = join(path, field.name);
        let (from, to) = (present(before, field.name), present(after, field.name));
        match field.ty {
            FieldType::Table(inner) => compare_table(
                inner,
                &key,
                from.and_then(Value::as_object),
                to.and_then(Value::as_object),
                entry,
                changes,
            ),
            FieldType::TableList(inner) => {
                compare_list(inner, &key, items(from), items(to), changes);
            }
            _ => {
                if from != to {
                    changes.fields.push(FieldChange {
                        field: key,
                        entry: entry.cloned(),
                        from: from.cloned().unwrap_or(Value::Null),
                        to: to.cloned().unwrap_or(Value::Null),
                    });
                }
            }
        }
    }
}

fn items(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Whether a key identifies its entry: required dates and texts (an
/// activity's date and title, a partner's name, a document's title), not
/// the closed-list values that describe it.
fn identifies(field: &Field) -> bool {
    field.required && matches!(field.ty, FieldType::Date | FieldType::Text)
}

fn identity<'v>(spec: &TableSpec, entry: &'v Value) -> Vec<Option<&'v Value>> {
    spec.fields
        .iter()
        .filter(|f| identifies(f))
        .map(|f| entry.get(f.name))
        .collect()
}

/// The entry's required keys, as shown to say which entry is meant.
fn entry_key(spec: &TableSpec, entry: &Value) -> Value {
    let key: Map<String, Value> = spec
        .fields
        .iter()
        .filter(|f| f.required)
        .filter_map(|f| Some((f.name.to_string(), entry.get(f.name)?.clone())))
        .collect();
    Value::Object(key)
}

/// Pairs the entries of both sides: first by their identifying keys, in
/// order, then what is left by position (an entry whose date or title was
/// edited stays where it was). Paired entries are compared key by key;
/// the rest were added or removed.
fn compare_list(
    spec: &'static TableSpec,
    path: &str,
    before: &[Value],
    after: &[Value],
    changes: &mut FrontChanges,
) {
    let mut partner_of: Vec<Option<usize>> = vec![None; after.len()];
    let mut taken = vec![false; before.len()];
    for (i, entry) in after.iter().enumerate() {
        let wanted = identity(spec, entry);
        if let Some(j) =
            (0..before.len()).find(|&j| !taken[j] && identity(spec, &before[j]) == wanted)
        {
            partner_of[i] = Some(j);
            taken[j] = true;
        }
    }
    for (i, partner) in partner_of.iter_mut().enumerate() {
        if partner.is_none() && i < before.len() && !taken[i] {
            *partner = Some(i);
            taken[i] = true;
        }
    }
    for (i, entry) in after.iter().enumerate() {
        match partner_of[i] {
            Some(j) if before[j] == *entry => {}
            Some(j) => {
                let reference = EntryRef {
                    list: path.to_string(),
                    position: i + 1,
                    key: entry_key(spec, entry),
                };
                compare_table(
                    spec,
                    path,
                    before[j].as_object(),
                    entry.as_object(),
                    Some(&reference),
                    changes,
                );
            }
            None => changes.entries_added.push(ListEntry {
                list: path.to_string(),
                key: entry_key(spec, entry),
                entry: entry.clone(),
            }),
        }
    }
    for (j, entry) in before.iter().enumerate() {
        if !taken[j] {
            changes.entries_removed.push(ListEntry {
                list: path.to_string(),
                key: entry_key(spec, entry),
                entry: entry.clone(),
            });
        }
    }
}

/// Every key path of the format (tables and their keys, at every depth),
/// with its field, in the format's order: what the summary can name.
#[cfg(test)]
pub(crate) fn key_paths() -> Vec<(String, &'static Field)> {
    fn walk(spec: &'static TableSpec, path: &str, out: &mut Vec<(String, &'static Field)>) {
        for field in spec.fields {
            let key = join(path, field.name);
            out.push((key.clone(), field));
            if let FieldType::Table(inner) | FieldType::TableList(inner) = field.ty {
                walk(inner, &key, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&AGREEMENT, "", &mut out);
    out
}

/// The format's field at `path`, e.g. "activities.evidence.file".
pub(crate) fn field_at(path: &str) -> Option<&'static Field> {
    let mut spec: &'static TableSpec = &AGREEMENT;
    let mut found = None;
    for name in path.split('.') {
        let field = spec.field(name)?;
        if let FieldType::Table(inner) | FieldType::TableList(inner) = field.ty {
            spec = inner;
        }
        found = Some(field);
    }
    found
}

/// The table a list path holds, e.g. the activity table for "activities".
pub(crate) fn table_at(path: &str) -> Option<&'static TableSpec> {
    match field_at(path)?.ty {
        FieldType::Table(inner) | FieldType::TableList(inner) => Some(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn changes_of(before: Value, after: Value) -> FrontChanges {
        let mut changes = FrontChanges::default();
        compare_table(
            &AGREEMENT,
            "",
            before.as_object(),
            after.as_object(),
            None,
            &mut changes,
        );
        changes
    }

    #[test]
    fn an_edited_activity_is_its_changed_keys_not_a_removal_and_an_addition() {
        let before = json!({"activities": [
            {"date": "2026-01-05", "title": "Rapat"},
            {"date": "2026-02-02", "title": "Lokakarya", "benefit": "lama"},
        ]});
        let after = json!({"activities": [
            {"date": "2026-02-02", "title": "Lokakarya", "benefit": "baru"},
            {"date": "2026-01-05", "title": "Rapat"},
        ]});
        let changes = changes_of(before, after);
        assert!(changes.entries_added.is_empty() && changes.entries_removed.is_empty());
        assert_eq!(changes.fields.len(), 1);
        let change = &changes.fields[0];
        assert_eq!(change.field, "activities.benefit");
        assert_eq!((&change.from, &change.to), (&json!("lama"), &json!("baru")));
        let entry = change.entry.as_ref().expect("an entry");
        assert_eq!(entry.position, 1);
        assert_eq!(
            entry.key,
            json!({"date": "2026-02-02", "title": "Lokakarya"})
        );
    }

    #[test]
    fn entries_whose_title_changed_are_paired_by_position() {
        let before = json!({"documents": [{"title": "Naskah", "file": "files/a.pdf"}]});
        let after = json!({"documents": [
            {"title": "Naskah MoU", "file": "files/a.pdf"},
            {"title": "Lampiran"},
        ]});
        let changes = changes_of(before, after);
        let fields: Vec<&str> = changes.fields.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["documents.title"]);
        assert_eq!(changes.entries_added.len(), 1);
        assert_eq!(changes.entries_added[0].key, json!({"title": "Lampiran"}));
    }

    #[test]
    fn nested_tables_and_absent_keys_compare_leaf_by_leaf() {
        let before = json!({"dates": {"planning": "2026-01-05"}, "topics": []});
        let after = json!({"dates": {"planning": "2026-01-05", "signed": "2026-03-02"},
            "topics": ["pemilih"]});
        let fields: Vec<String> = changes_of(before, after)
            .fields
            .into_iter()
            .map(|c| c.field)
            .collect();
        assert_eq!(fields, ["topics", "dates.signed"]);
    }

    #[test]
    fn every_key_path_leads_back_to_its_field() {
        let paths = key_paths();
        assert!(paths.iter().any(|(p, _)| p == "activities.evidence.sha256"));
        for (path, field) in paths {
            assert!(
                std::ptr::eq(field_at(&path).expect("a field"), field),
                "{path}"
            );
        }
    }
}
