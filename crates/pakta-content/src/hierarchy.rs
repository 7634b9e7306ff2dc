//! The folder tree under `agreements/` is the organisational hierarchy:
//! these functions answer "which unit owns this?" from paths alone.

/// The folder part of an agreement id: `a/b/2025-mou` -> `a/b`.
pub fn folder_of(id: &str) -> &str {
    id.rfind('/').map_or("", |i| &id[..i])
}

/// The parent folder of a unit path; `None` for the root.
pub fn parent_folder(path: &str) -> Option<&str> {
    if path.is_empty() {
        None
    } else {
        Some(folder_of(path))
    }
}

/// The nearest unit at or above `folder`, if any.
pub fn owning_unit(folder: &str, is_unit: impl Fn(&str) -> bool) -> Option<&str> {
    let mut current = Some(folder);
    while let Some(path) = current {
        if is_unit(path) {
            return Some(path);
        }
        current = parent_folder(path);
    }
    None
}

/// The nearest unit strictly above the unit at `path`.
pub fn parent_unit(path: &str, is_unit: impl Fn(&str) -> bool) -> Option<&str> {
    owning_unit(parent_folder(path)?, is_unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(path: &str) -> bool {
        ["", "jawa-tengah", "jawa-tengah/karanganyar"].contains(&path)
    }

    #[test]
    fn agreements_belong_to_the_nearest_unit_at_or_above() {
        assert_eq!(
            folder_of("jawa-tengah/karanganyar/2025-mou"),
            "jawa-tengah/karanganyar"
        );
        assert_eq!(folder_of("2025-mou"), "");
        assert_eq!(
            owning_unit("jawa-tengah/karanganyar", units),
            Some("jawa-tengah/karanganyar")
        );
        assert_eq!(
            owning_unit("jawa-tengah/arsip/2020", units),
            Some("jawa-tengah")
        );
        assert_eq!(owning_unit("bali", |p| p == "x"), None);
    }

    #[test]
    fn units_have_the_nearest_unit_above_as_parent() {
        assert_eq!(
            parent_unit("jawa-tengah/karanganyar", units),
            Some("jawa-tengah")
        );
        assert_eq!(parent_unit("jawa-tengah", units), Some(""));
        assert_eq!(parent_unit("", units), None);
    }
}
