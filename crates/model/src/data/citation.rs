//! Sources: every default figure points at one of these.

use serde::Serialize;

/// A published source, enough for a reader to find it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Citation {
    /// Stable key, e.g. `forrester-2017`.
    pub id: &'static str,
    /// Authors or publishing body.
    pub publisher: &'static str,
    /// Title of the report, article or page.
    pub title: &'static str,
    /// Year of publication.
    pub year: u16,
    /// Where it can be read (the publisher's page, or a copy where that is
    /// all that was checked).
    pub url: &'static str,
}

/// How a figure was checked against its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// Seen in the cited source.
    Verified,
    /// Seen in a secondary source that quotes the cited one.
    AsCited,
    /// Seen in the 2014 Unit Cost Database entry that records the source.
    AsRecordedInUcd,
    /// Arithmetic on verified figures, shown so it can be checked.
    Derived,
    /// A modelling convention of this calculator, not a published figure.
    Convention,
}

impl Verification {
    /// A short plain-English phrase for the UI.
    pub fn label(self) -> &'static str {
        match self {
            Verification::Verified => "checked against the source",
            Verification::AsCited => "as quoted by a secondary source",
            Verification::AsRecordedInUcd => "as recorded in the 2014 Unit Cost Database",
            Verification::Derived => "worked out from published figures",
            Verification::Convention => "a convention of this calculator, not a published figure",
        }
    }
}

macro_rules! citations {
    ($($name:ident = $id:literal, $publisher:literal, $title:literal, $year:literal, $url:literal;)*) => {
        $(
            #[doc = $title]
            pub const $name: Citation = Citation {
                id: $id, publisher: $publisher, title: $title, year: $year, url: $url,
            };
        )*
        /// Every citation the library uses.
        pub const ALL: &[Citation] = &[$($name),*];
    };
}

citations! {
    FORRESTER_2017 = "forrester-2017",
        "Forrester et al., CASCADE (Cardiff University) and Tilda Goldberg Centre (University of Bedfordshire), for the Department for Education",
        "Family Safeguarding Hertfordshire: Evaluation Report (DfE Evaluation Report 55)", 2017,
        "https://www.innovationcsc.co.uk/projects/family-safeguarding/";
    HCLG_2019 = "hclg-committee-2019",
        "House of Commons Housing, Communities and Local Government Committee",
        "Funding of local authorities' children's services (Box 2 and paras 141-147)", 2019,
        "https://publications.parliament.uk/";
    RODGER_2020 = "rodger-2020",
        "Rodger, Allan and Elliott (York Consulting), for the Department for Education",
        "Family Safeguarding Evaluation report", 2020,
        "https://docslib.org/doc/11763312";
    CORAM_2023 = "taylor-2024",
        "Coram for Foundations; Taylor et al., British Journal of Social Work",
        "Family group conferencing at pre-proceedings: randomised controlled trial (doi:10.1093/bjsw/bcae035)", 2024,
        "https://doi.org/10.1093/bjsw/bcae035";
    BODDY_2020 = "boddy-2020",
        "Boddy et al., University of Sussex with Research in Practice and Ipsos MORI",
        "Pause evaluation: infants entering care in Pause areas and comparators", 2020,
        "https://www.pause.org.uk/";
    CJI_2024 = "cji-2024",
        "Centre for Justice Innovation with Apteligen and Mutual Ventures, for the Department for Education",
        "FDAC cost-benefit analysis", 2024,
        "https://fdac.org.uk/cost-benefit-analysis";
    LUSHEY_2017 = "lushey-2017",
        "Lushey et al., Loughborough University, for the Department for Education",
        "Evaluation of No Wrong Door (DfE Evaluation Report 51)", 2017,
        "https://www.northyorks.gov.uk/";
    PSSRU_2017 = "pssru-2017",
        "PSSRU, University of Kent",
        "Unit Costs of Health and Social Care 2017 (p.86, foster care)", 2017,
        "https://www.pssru.ac.uk/";
    UCHSC_2013 = "uchsc-2013",
        "PSSRU, Curtis (as recorded in the New Economy Unit Cost Database 2014, SS2.0)",
        "Unit Costs of Health and Social Care 2013 (p.88, local authority foster care: allowances and administration £408, social services incl. social worker £228 a week)", 2013,
        "https://github.com/datagovuk-hackcode/early-intervention-unit-cost-database";
    NAO_2025 = "nao-2025",
        "National Audit Office",
        "Managing children's residential care", 2025,
        "https://www.nao.org.uk/";
    CCFR_2010 = "ccfr-2010",
        "Centre for Child and Family Research, Loughborough University, for the Department for Education (as recorded in the New Economy Unit Cost Database 2014, SS5.0)",
        "Extension of the cost calculator to include cost calculations for all children in need", 2010,
        "https://github.com/datagovuk-hackcode/early-intervention-unit-cost-database";
    CARE_PROCEEDINGS_2006 = "dca-2006",
        "DfES and Department for Constitutional Affairs (as recorded in the New Economy Unit Cost Database 2014, SS4.1)",
        "Review of the Child Care Proceedings System in England and Wales", 2006,
        "https://github.com/datagovuk-hackcode/early-intervention-unit-cost-database";
    WALBY_2009 = "walby-2009",
        "Walby (as recorded in the New Economy Unit Cost Database 2014, CR2.0)",
        "The Cost of Domestic Violence: up-date 2009", 2009,
        "https://github.com/datagovuk-hackcode/early-intervention-unit-cost-database";
    HFMA_2017 = "hfma-2017",
        "HFMA, reporting NHS Improvement Reference costs 2016/17",
        "Reference cost data published", 2017,
        "https://www.hfma.org.uk/news/healthcare-finance/news-item/reference-cost-data-published";
    DFE_CLA = "dfe-cla",
        "Department for Education",
        "Children looked after in England including adoption; Characteristics of children in need (Explore Education Statistics)", 2025,
        "https://explore-education-statistics.service.gov.uk/";
    GREEN_BOOK = "green-book",
        "HM Treasury",
        "The Green Book: appraisal and evaluation in central government (discounting, Annex A6; optimism bias, paras 5.43-5.46)", 2022,
        "https://www.gov.uk/government/publications/the-green-book-appraisal-and-evaluation-in-central-governent";
    INNOVATION_FS_ROUND2 = "innovation-fs-round2",
        "Children's Social Care Innovation Programme (Spring Consortium, for the Department for Education)",
        "Implement Family Safeguarding in other authorities and extend within Hertfordshire (project page: £11.6m to Luton, Peterborough, Bracknell Forest and West Berkshire; start May 2017)", 2017,
        "https://innovationcsc.co.uk/projects/implement-family-safeguarding-in-other-authorities-and-extend-within-hertfordshire/";
    DFE_SFPC_2019 = "dfe-sfpc-2019",
        "Department for Education",
        "Strengthening Families, Protecting Children: early adopters Darlington, Cambridgeshire and Middlesbrough (press release, April 2019)", 2019,
        "https://www.gov.uk/government/news/";
    SFPC_ADOPTERS_2019 = "sfpc-adopters-2019",
        "Walsall Council; Telford & Wrekin Council (Shropshire Star, 3 October 2019); Lancashire County Council (news PR21/0079, 23 March 2021)",
        "Councils selected for Strengthening Families, Protecting Children to implement Family Safeguarding", 2021,
        "https://www.lancashire.gov.uk/";
    NWD_ROLLOUT_2019 = "nwd-rollout-2019",
        "Harrogate Advertiser, reporting North Yorkshire County Council",
        "North Yorkshire leads on £84m Government roll-out: Middlesbrough as trailblazer, then Rochdale, Redcar and Cleveland, Norfolk, Warrington and Leicester", 2019,
        "https://www.harrogateadvertiser.co.uk/";
    FAMILY_VALUED_ROLLOUT = "family-valued-rollout",
        "Leeds Restorative Practice Centre",
        "Strengthening Families, Protecting Children: Darlington as trailblazer, then Warwickshire, Newcastle upon Tyne, Coventry, Solihull and Sefton", 2020,
        "https://leedsrpc.org.uk/strengthening-families-protecting-children";
    INNOVATION_FAMILY_VALUED = "innovation-family-valued",
        "Children's Social Care Innovation Programme (Spring Consortium, for the Department for Education)",
        "Family Valued (project page: Leeds, £4.85m, start January 2015)", 2015,
        "https://innovationcsc.co.uk/projects/family-valued/";
    PAUSE_PRACTICES_2017 = "pause-practices-2017",
        "Children and Young People Now (Puffett), reporting the Department for Education's evaluation of Pause",
        "DfE innovation project 'saves councils up to £2m a year': practices in Hackney, Doncaster, Greenwich, Hull, Islington, Newham and Southwark from November 2014", 2017,
        "http://www.cypnow.co.uk/cyp/news/2003926/dfe-innovation-project-saves-councils-up-to-gbp2m-a-year";
    MASON_2017 = "mason-2017",
        "Mason (ICF) with Ferguson, Morris, Munton and Sen, for the Department for Education",
        "Leeds Family Valued: Evaluation report (Children's Social Care Innovation Programme Evaluation Report 43)", 2017,
        "https://innovationcsc.co.uk/projects/family-valued/";
    INSIDE_OUT_2020 = "inside-out-2020",
        "Tavistock Institute, interim evaluation for the Department for Education, as reported by Essex County Council",
        "Inside Out: intensive coaching for young people in care (interim evaluation report)", 2020,
        "https://innovationcsc.co.uk/projects/inside-out/";
    ROUND2_2020 = "round2-2020",
        "Opcit Research (FitzSimons and McCracken), for the Department for Education; reported by Community Care, 5 November 2020",
        "Children's Social Care Innovation Programme Round 2: final evaluation report", 2020,
        "https://www.communitycare.co.uk/";
    LINCOLNSHIRE_PIP_2020 = "lincolnshire-pip-2020",
        "Lincolnshire County Council, Children and Young People Scrutiny Committee",
        "Partners in Practice Programme Update (joined 2016, ended 31 March 2020; Future4Me impact evaluation)", 2020,
        "https://lincolnshire.moderngov.co.uk/mgAi.aspx?ID=15794";
    HACKNEY_CS = "hackney-contextual-safeguarding",
        "Children's Social Care Innovation Programme (Spring Consortium, for the Department for Education); University of Bedfordshire with the London Borough of Hackney",
        "Contextual Safeguarding project (project page)", 2020,
        "https://innovationcsc.co.uk/projects/contextual-safeguarding-project";
    INNOVATE_CS = "innovate-cs",
        "The Innovate Project (University of Sussex), led by the evaluator of Hackney's pilot",
        "Contextual Safeguarding: does it work, and how would we know? (blog, in the project's final stages)", 2023,
        "https://theinnovateproject.co.uk/contextual-safeguarding-does-it-work-and-how-would-we-know/";
    SFIIP_2019 = "sfiip-2019",
        "Department for Education, as reported by Community Care (22 May 2019) and Fosterline",
        "Supporting Families: Investing in Practice: up to £15 million over the next year for up to 40 council areas, modelled on FDAC and family group conferencing", 2019,
        "http://www.fosterline.info/keeping-families-together/";
    SFIIP_PARTNERS_2019 = "sfiip-partners-2019",
        "What Works for Children's Social Care",
        "Supporting Families: Investing in Practice: 15 Family Drug and Alcohol Courts created or extended and 24 councils introducing family group conferencing at pre-proceedings", 2019,
        "https://whatworks-csc.org.uk/?p=2714";
    SFIIP_COUNCILS_2019 = "sfiip-councils-2019",
        "Children and Young People Now (Puffett), 9 August 2019",
        "DfE names councils to receive family support funds (39 councils sharing £15.5m)", 2019,
        "https://www.cypnow.co.uk/cyp/news/2007009/dfe-names-councils-to-receive-family-support-funds";
    NATCEN_2023 = "natcen-2023",
        "Papaioannou et al. (NatCen), for Foundations",
        "Evaluation of Family Drug and Alcohol Courts", 2023,
        "https://foundations.org.uk/";
    HMT_GMCA_2014 = "hmt-gmca-2014",
        "HM Treasury, Public Service Transformation Network and New Economy",
        "Supporting public service transformation: cost benefit analysis guidance for local partnerships", 2014,
        "https://www.greatermanchester-ca.gov.uk/what-we-do/research/research-cost-benefit-analysis";
}
