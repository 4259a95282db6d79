//! Sentences and tokens for news English.
//!
//! Both work on the document's analysis view (normalised and truecased, see
//! `dyad-ingest`) and report spans in the original text through the view's
//! alignment, so a sentence found in "PRESIDENT BIDEN SPOKE." as "President
//! Biden spoke." still points at the capitals the user gave.
//!
//! * [`tokenize`]: one paragraph of view text → tokens: words with clitics
//!   split off the Penn Treebank way (`do` `n't`, `Ukraine` `'s`), hyphens
//!   as tokens of their own (as in the UD treebanks), numbers and times
//!   whole (`1,200`, `4.5`, `10:30`, `1990s`), abbreviations and initials
//!   with their period (`Jan.`, `U.S.`, `J.`), URLs and e-mail addresses.
//! * [`split`]: tokens → sentences, with rules for abbreviations that may
//!   or may not end a sentence, closing quotes and brackets, ellipses, and
//!   question or exclamation marks inside quotes.
//! * [`sentences`]: both over every analysed paragraph of a document.
//!   Paragraph ends always end a sentence, so headlines without final
//!   punctuation stand alone.
//!
//! Tokenisation never fails and never allocates per token beyond the output
//! vector.
//!
//! ```
//! let text = "Gen. Lee met U.S. envoys at 10:30 a.m. on Jan. 12. They didn't agree.";
//! let tokens = dyad_text::tokenize(text, 0, text.len());
//! let sentences = dyad_text::split(text, &tokens);
//! assert_eq!(sentences.len(), 2);
//! assert_eq!(&text[tokens[sentences[1].start].start..tokens[sentences[1].end - 1].end], "They didn't agree.");
//! ```
#![deny(missing_docs)]

mod lexicon;
mod sentence;
mod token;

pub use sentence::{sentences, split, MAX_SENTENCE_TOKENS};
pub use token::{tokenize, RawToken};
