//! The Indonesian words editors and reviewers know for stages, statuses,
//! flags and kinds, for the Markdown summary.

use pakta_content::{Kind, Stage};
use pakta_model::{Flag, Status};

pub(crate) fn stage(stage: Stage) -> &'static str {
    match stage {
        Stage::Planning => "perencanaan",
        Stage::Drafting => "perumusan",
        Stage::Negotiation => "pembahasan",
        Stage::Approval => "pengesahan",
        Stage::Signed => "ditandatangani",
    }
}

pub(crate) fn status(status: Status) -> &'static str {
    match status {
        Status::Planning => "perencanaan",
        Status::Drafting => "perumusan",
        Status::Negotiation => "pembahasan",
        Status::Approval => "pengesahan",
        Status::Signed => "ditandatangani",
        Status::Active => "aktif",
        Status::Expiring => "segera berakhir",
        Status::Expired => "berakhir",
        Status::Renewed => "diperpanjang",
        Status::Terminated => "diakhiri",
        Status::Cancelled => "dibatalkan",
    }
}

pub(crate) fn flag(flag: Flag) -> &'static str {
    match flag {
        Flag::NeedsPks => "perlu PKS",
        Flag::NoActivity => "tanpa kegiatan",
        Flag::NotEvaluated => "belum dievaluasi",
    }
}

pub(crate) fn kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Mou => "MoU",
        Kind::Pks => "PKS",
        Kind::Addendum => "adendum",
        Kind::Other => "lainnya",
    }
}

pub(crate) fn evaluation_result(result: &str) -> &str {
    match result {
        "on-track" => "sesuai rencana",
        "partial" => "sebagian terlaksana",
        "not-implemented" => "tidak terlaksana",
        other => other,
    }
}
