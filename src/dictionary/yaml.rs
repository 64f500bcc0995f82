//! quanteda YAML: a mapping whose keys are categories; a value is a list of patterns, a
//! single pattern, or a mapping of sub-categories.
//!
//! ```text
//! AFRICA:
//!   EAST:
//!     'BI': [Burundi, Burundian*, Bujumbura]
//!     'NO': Norway
//! ```
//!
//! Read from the parser's events, not through a typed loader, so that every key and value
//! stays the string it is written as: a YAML 1.1 reader turns a bare `NO` (Norway) into
//! `false` and `01` into `1`; here they stay `NO` and `01`. Each node keeps its line.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::{Category, Dictionary, Entry, Note, ReadError};

#[derive(Debug)]
enum Node {
    Scalar(String, usize),
    Seq(Vec<Node>, usize),
    Map(Vec<(Node, Option<Node>)>, usize),
    Alias(usize),
}

impl Node {
    fn line(&self) -> usize {
        match self {
            Node::Scalar(_, l) | Node::Seq(_, l) | Node::Map(_, l) | Node::Alias(l) => *l,
        }
    }
}

#[derive(Default)]
struct Builder {
    stack: Vec<Node>,
    done: Vec<Node>,
}

impl Builder {
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(Node::Seq(items, _)) => items.push(node),
            Some(Node::Map(pairs, _)) => match pairs.last_mut() {
                Some((_, v @ None)) => *v = Some(node),
                _ => pairs.push((node, None)),
            },
            _ => self.done.push(node),
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let line = mark.line();
        match ev {
            Event::Scalar(value, ..) => self.push(Node::Scalar(value, line)),
            Event::SequenceStart(..) => self.stack.push(Node::Seq(Vec::new(), line)),
            Event::MappingStart(..) => self.stack.push(Node::Map(Vec::new(), line)),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(node) = self.stack.pop() {
                    self.push(node);
                }
            }
            // Aliases are not used by dictionaries; they are reported where met.
            Event::Alias(_) => self.push(Node::Alias(line)),
            _ => {}
        }
    }
}

pub(super) fn read(text: &str) -> Result<Dictionary, ReadError> {
    let mut builder = Builder::default();
    Parser::new_from_str(text)
        .load(&mut builder, false)
        .map_err(|e| ReadError::at(e.marker().line(), format!("not valid YAML: {}", e.info())))?;
    let Some(top) = builder.done.into_iter().next() else {
        return Err(ReadError::whole(
            "empty file: expected a mapping of categories",
        ));
    };
    let Node::Map(pairs, _) = top else {
        return Err(ReadError::at(
            top.line(),
            "the top level is not a mapping of categories (`name: [patterns]`)",
        ));
    };
    let mut dict = Dictionary::default();
    categories(pairs, &[], &mut dict);
    if dict.categories.is_empty() {
        return Err(ReadError::whole("no category"));
    }
    Ok(dict)
}

fn categories(pairs: Vec<(Node, Option<Node>)>, path: &[String], dict: &mut Dictionary) {
    for (key, value) in pairs {
        let Node::Scalar(name, line) = key else {
            dict.notes.push(Note::dropped(
                key.line(),
                "a key that is not a plain name; its category is dropped",
            ));
            continue;
        };
        let mut here = path.to_vec();
        here.push(name);
        let index = dict.categories.len();
        dict.categories.push(Category {
            path: here.clone(),
            line,
            entries: Vec::new(),
        });
        let Some(value) = value else { continue };
        match value {
            Node::Map(sub, _) => categories(sub, &here, dict),
            Node::Seq(items, _) => {
                for item in items {
                    match item {
                        Node::Scalar(p, l) => dict.categories[index].entries.push(Entry {
                            pattern: p,
                            weight: 1.0,
                            line: l,
                        }),
                        // `- sub: [...]`: sub-categories written as a list of mappings.
                        Node::Map(sub, _) => categories(sub, &here, dict),
                        other => dict.notes.push(Note::dropped(
                            other.line(),
                            format!(
                                "a list item of \"{}\" that is not a pattern; dropped",
                                here.join("/")
                            ),
                        )),
                    }
                }
            }
            // A scalar in place of a list: one pattern. `key:` with nothing is an empty
            // category (the parser gives an empty scalar).
            Node::Scalar(p, l) => {
                if !p.is_empty() {
                    dict.categories[index].entries.push(Entry {
                        pattern: p,
                        weight: 1.0,
                        line: l,
                    });
                }
            }
            Node::Alias(l) => dict.notes.push(Note::dropped(
                l,
                format!("\"{}\": YAML aliases are not read; dropped", here.join("/")),
            )),
        }
    }
}
