//! Penn Treebank bracketed parses, as PETRARCH records carry them.

use std::fmt;

/// A node of a parse: a phrase (`NP`, `VP`, `S` …) or a word with its tag.
#[derive(Clone, Debug)]
pub struct Node {
    /// The label (`NP`) or, for a word, its tag (`NNP`).
    pub label: String,
    /// Children, by index into [`Tree::nodes`].
    pub children: Vec<usize>,
    /// The parent (none for the root).
    pub parent: Option<usize>,
    /// For a word: its index in [`Tree::words`].
    pub word: Option<usize>,
    /// The words the node covers: `start..end`.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// A parse tree with its words in order.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    /// All nodes; 0 is the root.
    pub nodes: Vec<Node>,
    /// Words as written.
    pub words: Vec<String>,
    /// Words upper-cased, as the dictionaries write them.
    pub upper: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// For each word, its tag node.
    pub leaf: Vec<usize>,
}

/// Why a parse could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError(pub String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Tree {
    /// Reads a bracketed parse. Unbalanced brackets are an error.
    pub fn parse(text: &str) -> Result<Tree, ParseError> {
        let mut tokens = Vec::new();
        let mut cur = String::new();
        for c in text.chars() {
            match c {
                '(' | ')' => {
                    if !cur.is_empty() {
                        tokens.push(std::mem::take(&mut cur));
                    }
                    tokens.push(c.to_string());
                }
                c if c.is_whitespace() => {
                    if !cur.is_empty() {
                        tokens.push(std::mem::take(&mut cur));
                    }
                }
                c => cur.push(c),
            }
        }
        if !cur.is_empty() {
            tokens.push(cur);
        }
        let mut tree = Tree::default();
        let mut stack: Vec<usize> = Vec::new();
        let mut i = 0;
        let mut closed_root = false;
        while i < tokens.len() {
            match tokens[i].as_str() {
                "(" => {
                    if closed_root {
                        return Err(ParseError("text after the end of the parse".into()));
                    }
                    let label = match tokens.get(i + 1) {
                        Some(t) if t != "(" && t != ")" => {
                            i += 1;
                            t.clone()
                        }
                        _ => String::new(),
                    };
                    let id = tree.nodes.len();
                    let parent = stack.last().copied();
                    let start = tree.words.len();
                    tree.nodes.push(Node { label, children: Vec::new(), parent, word: None, start, end: start });
                    if let Some(p) = parent {
                        tree.nodes[p].children.push(id);
                    }
                    stack.push(id);
                }
                ")" => {
                    let Some(id) = stack.pop() else {
                        return Err(ParseError("a `)` closes nothing".into()));
                    };
                    tree.nodes[id].end = tree.words.len();
                    if stack.is_empty() {
                        closed_root = true;
                    }
                }
                word => {
                    let Some(&id) = stack.last() else {
                        return Err(ParseError(format!("word {word:?} outside brackets")));
                    };
                    if !tree.nodes[id].children.is_empty() || tree.nodes[id].word.is_some() {
                        return Err(ParseError(format!("word {word:?} beside phrases in ({} …)", tree.nodes[id].label)));
                    }
                    tree.nodes[id].word = Some(tree.words.len());
                    tree.leaf.push(id);
                    tree.tags.push(tree.nodes[id].label.clone());
                    tree.upper.push(word.to_uppercase());
                    tree.words.push(word.to_string());
                }
            }
            i += 1;
        }
        if !stack.is_empty() {
            return Err(ParseError(format!("{} bracket(s) not closed", stack.len())));
        }
        if tree.nodes.is_empty() {
            return Err(ParseError("empty parse".into()));
        }
        // A node covering no words inherits its position only; fine.
        Ok(tree)
    }

    /// The tree in bracketed form, as the records write it.
    ///
    /// Walks the tree with a stack of its own, so any depth the parser
    /// accepts can be written (no recursion to overflow).
    pub fn bracketed(&self) -> String {
        let mut out = String::new();
        if self.nodes.is_empty() {
            return out;
        }
        // (node, index of its next child to write)
        let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
        self.open(0, &mut out);
        while let Some((n, next)) = stack.last_mut() {
            match self.nodes[*n].children.get(*next) {
                Some(&c) => {
                    *next += 1;
                    out.push(' ');
                    self.open(c, &mut out);
                    stack.push((c, 0));
                }
                None => {
                    out.push(')');
                    stack.pop();
                }
            }
        }
        out
    }

    /// Writes `(LABEL` and the node's word, if any.
    fn open(&self, n: usize, out: &mut String) {
        let node = &self.nodes[n];
        out.push('(');
        out.push_str(&node.label);
        if let Some(w) = node.word {
            out.push(' ');
            out.push_str(&self.words[w]);
        }
    }

    /// The label of a node.
    pub fn label(&self, n: usize) -> &str {
        &self.nodes[n].label
    }

    /// Ancestors of a node, nearest first.
    pub fn ancestors(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.nodes[n].parent, move |&p| self.nodes[p].parent)
    }

    /// Whether a label is a clause (`S`, `SINV`, `SQ`, …, not `SBAR`).
    pub fn is_clause(label: &str) -> bool {
        label == "S" || label == "SINV" || label == "SQ"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_parse() {
        let t = Tree::parse("(ROOT (S (NP (NNP Arvia)) (VP (VBD thanked) (NP (NNP Belmor))) (. .)))").unwrap();
        assert_eq!(t.words, ["Arvia", "thanked", "Belmor", "."]);
        assert_eq!(t.bracketed(), "(ROOT (S (NP (NNP Arvia)) (VP (VBD thanked) (NP (NNP Belmor))) (. .)))");
        assert_eq!(t.tags, ["NNP", "VBD", "NNP", "."]);
        let vp = t.nodes.iter().position(|n| n.label == "VP").unwrap();
        assert_eq!((t.nodes[vp].start, t.nodes[vp].end), (1, 3));
        assert_eq!(t.ancestors(t.leaf[0]).map(|a| t.label(a).to_string()).collect::<Vec<_>>(), ["NP", "S", "ROOT"]);
    }

    #[test]
    fn unbalanced_is_an_error() {
        assert!(Tree::parse("(ROOT (S (NP (NNP A))").is_err());
        assert!(Tree::parse("(ROOT (S (NP (NNP A)))))").is_err());
        assert!(Tree::parse("").is_err());
        assert!(Tree::parse("word").is_err());
    }

    /// Found with the `petrarch` fuzz target: a parse nested 500,000 deep
    /// (3 MB) overflowed the stack when written back; `bracketed` now
    /// walks with a stack of its own.
    #[test]
    fn fuzz_deeply_nested_parse_writes_back() {
        let depth = 500_000;
        let text = format!("{}x{}", "(A ".repeat(depth), ")".repeat(depth));
        let tree = Tree::parse(&text).unwrap();
        assert_eq!(tree.nodes.len(), depth);
        assert!(tree.bracketed() == text, "the parse is not written back as read");
    }
}
