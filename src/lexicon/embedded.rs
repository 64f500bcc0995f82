//! The lexicon sets compiled into the binary, so that `framelex score` works with no files
//! at run time and a set can be named instead of given as a path (`--lexicons
//! policy-frames`). The files under `lexicons/` are the single source: `framelex lexicons
//! export` writes these same bytes back out for a user to edit.

use super::Source;

/// File name and contents of each default lexicon file, in set order.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("set.toml", include_str!("../../lexicons/set.toml")),
    (
        "security.toml",
        include_str!("../../lexicons/security.toml"),
    ),
    (
        "arms_race_criticism.toml",
        include_str!("../../lexicons/arms_race_criticism.toml"),
    ),
    (
        "commercial_motive.toml",
        include_str!("../../lexicons/commercial_motive.toml"),
    ),
];

/// The Policy Frames pack (`lexicons/policy-frames/`): the 14 generic frames of SemEval-2023
/// Task 3, subtask 2.
const POLICY_FRAMES: &[(&str, &str)] = &[
    (
        "set.toml",
        include_str!("../../lexicons/policy-frames/set.toml"),
    ),
    (
        "Economic.toml",
        include_str!("../../lexicons/policy-frames/Economic.toml"),
    ),
    (
        "Capacity_and_resources.toml",
        include_str!("../../lexicons/policy-frames/Capacity_and_resources.toml"),
    ),
    (
        "Morality.toml",
        include_str!("../../lexicons/policy-frames/Morality.toml"),
    ),
    (
        "Fairness_and_equality.toml",
        include_str!("../../lexicons/policy-frames/Fairness_and_equality.toml"),
    ),
    (
        "Legality_Constitutionality_and_jurisprudence.toml",
        include_str!(
            "../../lexicons/policy-frames/Legality_Constitutionality_and_jurisprudence.toml"
        ),
    ),
    (
        "Policy_prescription_and_evaluation.toml",
        include_str!("../../lexicons/policy-frames/Policy_prescription_and_evaluation.toml"),
    ),
    (
        "Crime_and_punishment.toml",
        include_str!("../../lexicons/policy-frames/Crime_and_punishment.toml"),
    ),
    (
        "Security_and_defense.toml",
        include_str!("../../lexicons/policy-frames/Security_and_defense.toml"),
    ),
    (
        "Health_and_safety.toml",
        include_str!("../../lexicons/policy-frames/Health_and_safety.toml"),
    ),
    (
        "Quality_of_life.toml",
        include_str!("../../lexicons/policy-frames/Quality_of_life.toml"),
    ),
    (
        "Cultural_identity.toml",
        include_str!("../../lexicons/policy-frames/Cultural_identity.toml"),
    ),
    (
        "Public_opinion.toml",
        include_str!("../../lexicons/policy-frames/Public_opinion.toml"),
    ),
    (
        "Political.toml",
        include_str!("../../lexicons/policy-frames/Political.toml"),
    ),
    (
        "External_regulation_and_reputation.toml",
        include_str!("../../lexicons/policy-frames/External_regulation_and_reputation.toml"),
    ),
];

/// A lexicon set compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedSet {
    /// The name that selects it wherever a lexicon path is accepted.
    pub name: &'static str,
    /// One line on what it is for.
    pub summary: &'static str,
    /// Its folder in the repository, which names its files in messages.
    pub dir: &'static str,
    /// File name and contents of each file, `set.toml` first.
    pub files: &'static [(&'static str, &'static str)],
}

/// Every embedded set, the default first.
pub const EMBEDDED_SETS: &[EmbeddedSet] = &[
    EmbeddedSet {
        name: "default",
        summary: "security framing, arms-race criticism and commercial-motive suspicion in news about AI competition (paragraphs)",
        dir: "lexicons",
        files: EMBEDDED,
    },
    EmbeddedSet {
        name: "policy-frames",
        summary: "the 14 generic frames of the Policy Frames Codebook, as in SemEval-2023 Task 3 (articles)",
        dir: "lexicons/policy-frames",
        files: POLICY_FRAMES,
    },
];

/// The embedded set called `name`, if any.
pub fn embedded_set(name: &str) -> Option<&'static EmbeddedSet> {
    EMBEDDED_SETS.iter().find(|s| s.name == name)
}

impl EmbeddedSet {
    /// Its files as sources, named `DIR/FILE` as in the repository.
    pub fn sources(&self) -> Vec<Source> {
        self.files
            .iter()
            .map(|(file, text)| Source {
                path: format!("{}/{file}", self.dir).into(),
                text: (*text).into(),
            })
            .collect()
    }
}
