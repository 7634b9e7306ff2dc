//! The view of one agreement's page: everything the page shows, already
//! resolved to labels' keys, links and plain values.

use chrono::NaiveDate;
use serde::Serialize;

use super::markdown;
use super::views::{AgreementRow, Crumb, Links, PartnerSlugs, breadcrumbs};
use pakta_content::{Category, Kind, Stage};
use pakta_load::history::Revision;
use pakta_model::{Agreement, AgreementIx, Flag, Model, Status, lifecycle};

/// The level of the page's section headings ("Text", "Activities") that
/// editors' Markdown sits under on an agreement page.
const TEXT_SECTION_LEVEL: usize = 2;

#[derive(Serialize)]
pub(crate) struct AgreementPage<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub kind: Kind,
    pub number: Option<&'a str>,
    pub summary: &'a str,
    pub topics: &'a [String],
    pub foreign: bool,
    pub unit: &'a str,
    pub unit_href: String,
    pub breadcrumbs: Vec<Crumb>,
    pub status: Status,
    pub flags: &'a [Flag],
    pub timeline: Vec<Step>,
    pub starts: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub pks_deadline: Option<NaiveDate>,
    pub partners: Vec<PartnerView<'a>>,
    pub related: Vec<Related>,
    pub activities: Vec<ActivityView<'a>>,
    pub evaluations: Vec<EvaluationView<'a>>,
    pub documents: Vec<DocumentView<'a>>,
    /// What the record lacks that the rules expect (`gap-<key>`).
    pub gaps: Vec<&'static str>,
    pub body: String,
    pub revisions: Vec<RevisionView<'a>>,
    pub last_updated: Option<NaiveDate>,
    /// GitHub's editor for the agreement's file (the site fills it in).
    pub edit_href: Option<String>,
}

/// One point on the lifecycle timeline; `key` names its label.
#[derive(Serialize)]
pub(crate) struct Step {
    pub key: &'static str,
    pub date: Option<NaiveDate>,
    pub reached: bool,
    pub href: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct PartnerView<'a> {
    pub name: &'a str,
    pub href: String,
    pub category: Category,
    pub signatory: Option<&'a str>,
    pub signatory_title: Option<&'a str>,
    pub number: Option<&'a str>,
    pub website: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct Related {
    /// The label's key: `parent`, `children`, `renews` ...
    pub relation: &'static str,
    pub agreement: AgreementRow,
}

#[derive(Serialize)]
pub(crate) struct ActivityView<'a> {
    pub date: NaiveDate,
    pub title: &'a str,
    /// The `[terms.activity-type]` key.
    #[serde(rename = "type")]
    pub activity_type: Option<&'static str>,
    pub description: Option<String>,
    pub output: Option<&'a str>,
    pub benefit: Option<&'a str>,
    pub participants: Option<u64>,
    pub url: Option<&'a str>,
    /// Where the evidence is: the copied file or the link.
    pub evidence: Option<EvidenceView>,
}

#[derive(Serialize)]
pub(crate) struct EvidenceView {
    pub href: String,
    /// A file published with the site rather than a link elsewhere.
    pub local: bool,
}

#[derive(Serialize)]
pub(crate) struct EvaluationView<'a> {
    pub date: NaiveDate,
    pub result: &'static str,
    /// The period evaluated: first and last day.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// The `[terms.method]` key.
    pub method: Option<&'static str>,
    pub notes: Option<&'a str>,
    /// `[terms.obstacle]` keys.
    pub obstacles: Vec<&'static str>,
    pub obstacle_notes: Option<&'a str>,
    /// The `[terms.recommendation]` key.
    pub recommendation: Option<&'static str>,
}

#[derive(Serialize)]
pub(crate) struct DocumentView<'a> {
    pub title: &'a str,
    pub href: String,
    pub local: bool,
    pub size: Option<String>,
    pub sha256: Option<&'a str>,
    /// A PDF whose pages hold no text (a scan): marked, since its words
    /// cannot be searched.
    pub no_text: bool,
}

#[derive(Serialize)]
pub(crate) struct RevisionView<'a> {
    pub date: NaiveDate,
    pub author: &'a str,
    pub subject: &'a str,
    pub commit: &'a str,
    pub href: Option<String>,
}

pub(crate) fn page<'a>(
    model: &'a Model,
    links: &Links,
    partner_slugs: &PartnerSlugs,
    a: &'a Agreement,
    revisions: &'a [Revision],
    repository: Option<&str>,
) -> AgreementPage<'a> {
    let unit = &model.units[a.unit];
    let life = &a.lifecycle;
    AgreementPage {
        id: &a.id,
        title: &a.front.title,
        kind: a.front.kind,
        number: a.front.number.as_ref().map(|n| n.value.as_str()),
        summary: a.summary(),
        topics: &a.front.topics,
        foreign: a.front.scope == pakta_content::Scope::Foreign,
        unit: &unit.name,
        unit_href: links.unit(&unit.path),
        breadcrumbs: breadcrumbs(model, links, a.unit),
        status: life.status,
        flags: &life.flags,
        timeline: timeline(model, links, a),
        starts: life.starts,
        end: life.end,
        days_left: life
            .end
            .filter(|_| life.status.in_force())
            .map(|end| lifecycle::days_left(end, model.today)),
        pks_deadline: a.lifecycle.pks_due,
        partners: a
            .front
            .partners
            .iter()
            .map(|p| PartnerView {
                name: &p.name,
                href: links.partner(partner_slugs.get(&p.name)),
                category: p.category,
                signatory: p.signatory.as_deref(),
                signatory_title: p.signatory_title.as_deref(),
                number: p.number.as_deref(),
                website: p.website.as_deref(),
            })
            .collect(),
        related: related(model, links, a),
        activities: {
            let mut list: Vec<ActivityView> = a
                .front
                .activities
                .iter()
                .map(|x| ActivityView {
                    date: x.date.value,
                    title: &x.title,
                    activity_type: x.activity_type.map(|t| t.code()),
                    description: x
                        .description
                        .as_deref()
                        .map(|text| markdown::to_html_under(text, TEXT_SECTION_LEVEL)),
                    output: x.output.as_deref(),
                    benefit: x.benefit.as_deref(),
                    participants: x.participants,
                    url: x.url.as_deref(),
                    evidence: x.evidence.as_ref().and_then(|e| evidence(model, links, e)),
                })
                .collect();
            list.sort_by_key(|x| std::cmp::Reverse(x.date));
            list
        },
        evaluations: {
            let mut list: Vec<EvaluationView> = a
                .front
                .evaluations
                .iter()
                .map(|x| EvaluationView {
                    date: x.date.value,
                    result: x.result.code(),
                    period: x.period.as_ref().map(|p| (p.from.value, p.to.value)),
                    method: x.method.map(|m| m.code()),
                    notes: x.notes.as_deref(),
                    obstacles: x.obstacles.iter().map(|o| o.code()).collect(),
                    obstacle_notes: x.obstacle_notes.as_deref(),
                    recommendation: x.recommendation.map(|r| r.code()),
                })
                .collect();
            list.sort_by_key(|x| std::cmp::Reverse(x.date));
            list
        },
        gaps: pakta_model::completeness::gaps(&a.front)
            .into_iter()
            .map(|g| g.as_str())
            .collect(),
        documents: a
            .front
            .documents
            .iter()
            .map(|d| {
                let key = d
                    .file
                    .as_ref()
                    .and_then(|f| pakta_check::attachment_key(&f.value));
                let (attachment, sha256) = model.document_facts(d);
                DocumentView {
                    title: &d.title,
                    href: match &key {
                        Some(key) => format!("{}{}", links.base, site_file_href(key)),
                        None => d.url.clone().unwrap_or_default(),
                    },
                    local: key.is_some(),
                    size: attachment.map(|x| human_size(x.size)),
                    sha256,
                    no_text: key.as_ref().is_some_and(|key| {
                        model.document_texts.get(&**key) == Some(&pakta_model::DocumentText::NoText)
                    }),
                }
            })
            .collect(),
        body: markdown::to_html_under(a.body(), TEXT_SECTION_LEVEL),
        revisions: revisions
            .iter()
            .map(|r| RevisionView {
                date: r.date,
                author: &r.author,
                subject: &r.subject,
                commit: &r.commit[..r.commit.len().min(10)],
                href: repository
                    .map(|repo| format!("{}/commit/{}", repo.trim_end_matches('/'), r.commit)),
            })
            .collect(),
        last_updated: revisions.first().map(|r| r.date),
        edit_href: None,
    }
}

fn timeline(model: &Model, links: &Links, a: &Agreement) -> Vec<Step> {
    let dates = &a.front.dates;
    let life = &a.lifecycle;
    let today = model.today;
    let mut steps: Vec<Step> = Stage::ALL
        .iter()
        .map(|&stage| {
            let date = dates.stage_date(stage).map(|d| d.value);
            Step {
                key: match stage {
                    Stage::Planning => "stage-planning",
                    Stage::Drafting => "stage-drafting",
                    Stage::Negotiation => "stage-negotiation",
                    Stage::Approval => "stage-approval",
                    Stage::Signed => "stage-signed",
                },
                reached: date.is_some_and(|d| d <= today),
                date,
                href: None,
            }
        })
        .collect();
    if dates.signed.is_some() {
        steps.push(Step {
            key: "starts",
            date: life.starts,
            reached: life.starts.is_some_and(|d| d <= today),
            href: None,
        });
    }
    if let Some(terminated) = dates.terminated.as_ref().map(|d| d.value) {
        steps.push(Step {
            key: "terminated",
            date: Some(terminated),
            reached: terminated <= today,
            href: None,
        });
    } else if let Some(end) = life.end {
        steps.push(Step {
            key: "timeline-ends",
            date: Some(end),
            reached: end < today,
            href: None,
        });
    }
    if let Some(&renewal) = a
        .relations
        .renewed_by
        .iter()
        .find(|&&r| model.agreements[r].is_public())
    {
        let renewal = &model.agreements[renewal];
        steps.push(Step {
            key: "renewed-by",
            date: renewal.front.dates.signed(),
            reached: renewal.front.dates.signed().is_some_and(|d| d <= today),
            href: Some(links.agreement(&renewal.id)),
        });
    }
    steps
}

fn related(model: &Model, links: &Links, a: &Agreement) -> Vec<Related> {
    let r = &a.relations;
    let groups: [(&'static str, Vec<AgreementIx>); 6] = [
        ("parent", r.parent.into_iter().collect()),
        ("children", r.children.clone()),
        ("renews", r.renews.into_iter().collect()),
        ("renewed-by", r.renewed_by.clone()),
        ("amends", r.amends.into_iter().collect()),
        ("amended-by", r.amended_by.clone()),
    ];
    groups
        .into_iter()
        .flat_map(|(relation, ixs)| {
            ixs.into_iter()
                .map(|i| &model.agreements[i])
                .filter(|x| x.is_public())
                .map(move |x| Related {
                    relation,
                    agreement: AgreementRow::new(model, links, x),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// An activity's evidence as a link: a file the check hashed is published
/// beside the documents (`Route::Document`); a file it did not find is
/// left out rather than linked to nothing.
fn evidence(model: &Model, links: &Links, e: &pakta_content::Evidence) -> Option<EvidenceView> {
    match &e.file {
        Some(file) => {
            let key = pakta_check::attachment_key(&file.value)?;
            model.attachments.contains_key(&*key).then(|| EvidenceView {
                href: format!("{}{}", links.base, site_file_href(&key)),
                local: true,
            })
        }
        None => e
            .url
            .clone()
            .map(|href| EvidenceView { href, local: false }),
    }
}

/// Where a local document is copied on the site: below `files/`, where
/// the repository's own `files/` folder lands unchanged.
pub(crate) fn site_file_path(key: &str) -> String {
    if key.starts_with("files/") {
        key.to_string()
    } else {
        format!("files/{key}")
    }
}

/// [`site_file_path`] as it is written in a link: a file name may hold
/// `#`, `?`, `%`, spaces or any letter, which a browser would otherwise
/// read as the end of the path or as an escape, so every byte but the
/// unreserved ones and the `/` between folders is percent-encoded.
fn site_file_href(key: &str) -> String {
    let path = site_file_path(key);
    let mut href = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'-' | b'.' | b'_' | b'~') {
            href.push(char::from(byte));
        } else {
            href.push_str(&format!("%{byte:02X}"));
        }
    }
    href
}

pub(crate) fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1024.0 && unit < UNITS.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{size:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::{human_size, site_file_href};

    #[test]
    fn file_links_escape_what_a_browser_would_read_otherwise() {
        assert_eq!(site_file_href("files/x#y.pdf"), "files/x%23y.pdf");
        assert_eq!(site_file_href("files/a?b.pdf"), "files/a%3Fb.pdf");
        assert_eq!(site_file_href("files/%41.pdf"), "files/%2541.pdf");
        assert_eq!(
            site_file_href("files/sub dir/Résumé.pdf"),
            "files/sub%20dir/R%C3%A9sum%C3%A9.pdf"
        );
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(2048), "2.0 KB");
        assert_eq!(human_size(5 * 1024 * 1024 + 300_000), "5.3 MB");
    }
}
