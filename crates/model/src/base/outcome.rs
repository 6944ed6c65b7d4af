//! What programmes change (outcomes) and who gains (agencies).

use serde::{Deserialize, Serialize};

/// An outcome a programme can move. Flows are events in a year; stocks are
/// children in a state, counted as child-years (the average number over a
/// year) when costed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Children looked after: entries avoided (a flow, children a year) and
    /// time in care avoided (child-years), which is what is costed.
    CareEntries,
    /// Children on child protection plans (a stock, plans at any one time).
    CpPlans,
    /// Children in need (a stock, open cases at any one time).
    ChildrenInNeed,
    /// Care proceedings issued (a flow, cases a year).
    CareProceedings,
    /// Repeat police call-outs to the same families (a flow, incidents a year).
    PoliceIncidents,
    /// Adult emergency hospital admissions of parents (a flow, admissions a year).
    EmergencyAdmissions,
}

impl Outcome {
    /// Every outcome, in display order.
    pub const ALL: [Outcome; 6] = [
        Outcome::CareEntries,
        Outcome::CpPlans,
        Outcome::ChildrenInNeed,
        Outcome::CareProceedings,
        Outcome::PoliceIncidents,
        Outcome::EmergencyAdmissions,
    ];

    /// Position in [`Outcome::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// A short plain-English name.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::CareEntries => "children in care",
            Outcome::CpPlans => "child protection plans",
            Outcome::ChildrenInNeed => "children in need",
            Outcome::CareProceedings => "care proceedings",
            Outcome::PoliceIncidents => "repeat police call-outs",
            Outcome::EmergencyAdmissions => "adult emergency admissions",
        }
    }
}

/// A public body that bears a cost and so gains from a saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Agency {
    /// The council's children's services.
    ChildrensServices,
    /// Police and criminal justice.
    Police,
    /// The NHS.
    Nhs,
    /// Courts, Cafcass and legal aid.
    CourtsLegal,
    /// Other public services named by a study without a split.
    OtherPublic,
}

impl Agency {
    /// Every agency, in display order.
    pub const ALL: [Agency; 5] = [
        Agency::ChildrensServices,
        Agency::Police,
        Agency::Nhs,
        Agency::CourtsLegal,
        Agency::OtherPublic,
    ];

    /// Position in [`Agency::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Its name in the projection's serialised form and in figure paths
    /// (`summary.savings_by_agency.police`).
    pub fn key(self) -> &'static str {
        match self {
            Agency::ChildrensServices => "childrens_services",
            Agency::Police => "police",
            Agency::Nhs => "nhs",
            Agency::CourtsLegal => "courts_legal",
            Agency::OtherPublic => "other_public",
        }
    }

    /// A short plain-English name.
    pub fn label(self) -> &'static str {
        match self {
            Agency::ChildrensServices => "council children's services",
            Agency::Police => "police and criminal justice",
            Agency::Nhs => "NHS",
            Agency::CourtsLegal => "courts, Cafcass and legal aid",
            Agency::OtherPublic => "other public services",
        }
    }
}

/// An amount of money (£) for each agency, indexed like [`Agency::ALL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ByAgency {
    /// £ to the council's children's services.
    pub childrens_services: f64,
    /// £ to police and criminal justice.
    pub police: f64,
    /// £ to the NHS.
    pub nhs: f64,
    /// £ to courts, Cafcass and legal aid.
    pub courts_legal: f64,
    /// £ to other public services.
    pub other_public: f64,
}

impl ByAgency {
    /// The amount for one agency.
    pub fn get(&self, agency: Agency) -> f64 {
        match agency {
            Agency::ChildrensServices => self.childrens_services,
            Agency::Police => self.police,
            Agency::Nhs => self.nhs,
            Agency::CourtsLegal => self.courts_legal,
            Agency::OtherPublic => self.other_public,
        }
    }

    /// Adds `amount` (£) to one agency.
    pub fn add(&mut self, agency: Agency, amount: f64) {
        let slot = match agency {
            Agency::ChildrensServices => &mut self.childrens_services,
            Agency::Police => &mut self.police,
            Agency::Nhs => &mut self.nhs,
            Agency::CourtsLegal => &mut self.courts_legal,
            Agency::OtherPublic => &mut self.other_public,
        };
        *slot += amount;
    }

    /// The sum over all agencies (£).
    pub fn total(&self) -> f64 {
        Agency::ALL.iter().map(|a| self.get(*a)).sum()
    }
}
