//! Document numbers: public agreements in the order of the unit tree
//! (depth first), newest first within each unit. A unit's subtree is then
//! one range of numbers, so the unit facet costs no posting data at all.

use std::cmp::Reverse;

use pakta_model::{AgreementIx, Model, UnitIx};

pub(crate) struct UnitRange {
    pub unit: UnitIx,
    /// Position of the parent in the same list.
    pub parent: Option<usize>,
    pub first: u32,
    /// End of the unit's own agreements.
    pub own_end: u32,
    /// End of the agreements of the unit and everything below it.
    pub subtree_end: u32,
}

pub(crate) struct DocOrder {
    /// Document number -> agreement.
    pub docs: Vec<AgreementIx>,
    /// Position in `units` of each document's unit.
    pub doc_unit: Vec<u32>,
    pub units: Vec<UnitRange>,
}

pub(crate) fn number_documents(model: &Model) -> DocOrder {
    let mut order = DocOrder {
        docs: Vec::new(),
        doc_unit: Vec::new(),
        units: Vec::new(),
    };
    let roots: Vec<UnitIx> = (0..model.units.len())
        .filter(|&u| model.units[u].parent.is_none())
        .collect();
    for root in sorted_by_path(model, roots) {
        visit(model, root, None, &mut order);
    }
    order
}

fn sorted_by_path(model: &Model, mut units: Vec<UnitIx>) -> Vec<UnitIx> {
    units.sort_by(|a, b| model.units[*a].path.cmp(&model.units[*b].path));
    units
}

fn visit(model: &Model, unit: UnitIx, parent: Option<usize>, order: &mut DocOrder) {
    let position = order.units.len();
    let first = order.docs.len() as u32;
    let mut own: Vec<AgreementIx> = model.units[unit]
        .agreements
        .iter()
        .copied()
        .filter(|&a| model.agreements[a].is_public())
        .collect();
    own.sort_by_key(|&a| {
        let agreement = &model.agreements[a];
        (Reverse(agreement.milestone_date()), &agreement.id)
    });
    order.doc_unit.extend(own.iter().map(|_| position as u32));
    order.docs.extend(own);
    let own_end = order.docs.len() as u32;
    order.units.push(UnitRange {
        unit,
        parent,
        first,
        own_end,
        subtree_end: own_end,
    });
    let children = sorted_by_path(model, model.units[unit].children.clone());
    for child in children {
        visit(model, child, Some(position), order);
    }
    order.units[position].subtree_end = order.docs.len() as u32;
}
