//! PETRARCH / TABARI compatibility: read their dictionaries at run time
//! and code their validation records.
//!
//! * [`dict`]: verbs (synonym sets, blocks, patterns), actors with date
//!   restrictions, agents, discards.
//! * [`tree`]: the Penn Treebank parses their records carry.
//! * [`coder`]: a PETRARCH-style coder over a parse.
//! * [`records`]: validation records files (`dyad validate-petrarch`).
//! * [`shallow`]: the dictionaries on dyad's own analysis of raw text.

pub mod coder;
pub mod dict;
pub mod records;
pub mod shallow;
pub mod tree;

pub use coder::{Coded, Coder, Outcome};
pub use dict::Dictionaries;
pub use tree::Tree;
