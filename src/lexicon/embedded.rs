//! The default lexicon set, compiled into the binary so that `framelex score` works with
//! no files at run time. The files in `lexicons/` are the single source: `framelex
//! lexicons export` writes these same bytes back out for a user to edit.

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
