//! Who may review a unit's changes: the owners GitHub accepts in a
//! CODEOWNERS file. The loader refuses anything else, and the CODEOWNERS
//! writer checks again, so that no reviewer can write a rule of its own.

/// Whether `owner` is something GitHub accepts as a code owner: `@user`,
/// `@org/team` or an e-mail address, with nothing else on the line.
pub fn is_valid_owner(owner: &str) -> bool {
    match owner.strip_prefix('@') {
        Some(handle) => match handle.split_once('/') {
            Some((org, team)) => is_github_name(org) && is_team_slug(team),
            None => is_github_name(handle),
        },
        None => is_email(owner),
    }
}

/// GitHub user and organisation names: letters, digits and single inner
/// hyphens, at most 39 characters.
fn is_github_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 39
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
}

/// Team slugs are made by GitHub from team names: letters, digits, `-`, `_`.
fn is_team_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A plain address `local@domain.tld`; no quoting, comments or spaces,
/// and no `#`, which would start a comment in CODEOWNERS.
fn is_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_users_teams_or_addresses() {
        for owner in [
            "@octocat",
            "@kpu-ri/kerja-sama",
            "@Org/Team_2",
            "humas@kpu.go.id",
            "a.b+c@sub.example.org",
        ] {
            assert!(is_valid_owner(owner), "{owner}");
        }
        for owner in [
            "@org/team\n* @attacker",
            "@org/team @attacker",
            "@",
            "@org/",
            "@-org",
            "@org--x",
            "@org/team/sub",
            "octocat",
            "a@b",
            "a b@example.org",
            "x#y@example.org",
            "@org/team\r",
            "*",
        ] {
            assert!(!is_valid_owner(owner), "{owner:?}");
        }
    }
}
