//! Yoshikoder `.ykd`: XML. `<dictionary>` holds one root `<cnode>` that names the
//! dictionary itself; the `<cnode name=…>` inside it are the categories, nested at any
//! depth, and `<pnode name=…/>` their patterns (with an optional `score`, kept as the
//! weight). A file with several top-level `cnode`s has no dictionary node: each is a
//! category.

use super::{Category, Dictionary, Entry, Note, ReadError};

pub(super) fn read(text: &str) -> Result<Dictionary, ReadError> {
    let doc = roxmltree::Document::parse(text)
        .map_err(|e| ReadError::at(e.pos().row as usize, format!("not well-formed XML: {e}")))?;
    let line = |node: roxmltree::Node| doc.text_pos_at(node.range().start).row as usize;
    let root = doc.root_element();
    if root.tag_name().name() != "dictionary" {
        return Err(ReadError::at(
            line(root),
            format!(
                "the root element is <{}>, expected <dictionary>",
                root.tag_name().name()
            ),
        ));
    }
    let mut dict = Dictionary::default();
    let tops: Vec<roxmltree::Node> = root
        .children()
        .filter(|n| n.has_tag_name("cnode"))
        .collect();
    let categories_root = match tops.as_slice() {
        [only] => {
            dict.name = only.attribute("name").map(str::to_string);
            for p in only.children().filter(|n| n.has_tag_name("pnode")) {
                dict.notes.push(Note::dropped(
                    line(p),
                    format!(
                        "pattern `{}` sits in the dictionary's root node, outside any category; dropped",
                        p.attribute("name").unwrap_or("")
                    ),
                ));
            }
            *only
        }
        _ => root,
    };
    walk(categories_root, &[], &mut dict, &line);
    if dict.categories.is_empty() {
        return Err(ReadError::whole(
            "no category: expected <cnode name=…> elements",
        ));
    }
    Ok(dict)
}

fn walk(
    node: roxmltree::Node,
    path: &[String],
    dict: &mut Dictionary,
    line: &dyn Fn(roxmltree::Node) -> usize,
) {
    for child in node.children().filter(|n| n.has_tag_name("cnode")) {
        let mut here = path.to_vec();
        here.push(child.attribute("name").unwrap_or("").to_string());
        let index = dict.categories.len();
        dict.categories.push(Category {
            path: here.clone(),
            line: line(child),
            entries: Vec::new(),
        });
        for p in child.children().filter(|n| n.has_tag_name("pnode")) {
            let Some(pattern) = p.attribute("name") else {
                dict.notes
                    .push(Note::dropped(line(p), "a <pnode> without a name; dropped"));
                continue;
            };
            let weight = match p.attribute("score") {
                None => 1.0,
                Some(s) => match s.trim().parse::<f64>() {
                    Ok(w) if w.is_finite() => w,
                    _ => {
                        dict.notes.push(Note::changed(
                            line(p),
                            format!("`{pattern}`: score `{s}` is not a number; weight 1 used"),
                        ));
                        1.0
                    }
                },
            };
            dict.categories[index].entries.push(Entry {
                pattern: pattern.to_string(),
                weight,
                line: line(p),
            });
        }
        walk(child, &here, dict, line);
    }
}
