"""Named-entity throughput of spaCy 3.8 on a JSONL corpus, on one process.

The reference is spaCy's small English pipeline (en_core_web_sm). Its trained
weights are distributed outside PyPI, which this project's machines cannot
reach, so the same network is built here from spaCy's own English defaults
(`spacy init config --lang en --pipeline ner --optimize efficiency`): a
HashEmbedCNN tok2vec of width 96 and depth 4 feeding the transition-based NER
with hidden width 64, with the 18 OntoNotes labels of en_core_web_sm. Its speed
does not depend on the values of its weights (the same layers run, and the
NER makes one transition per token whatever it predicts), so untrained weights
time the same work; the output says so.

spaCy is timed as PyPI installs it. On CPUs its BLAS build (blis) does not
recognise, e.g. AMD Zen 3 (family 25), blis falls back to its generic kernels;
`BLIS_ARCH_DEBUG=1` prints which one it picked.

Usage: python spacy_ner.py CORPUS.jsonl [--runs 3] [--max-docs N] [--out FILE]
"""

import os

# One core, like dyad's --threads 1: keep numpy's BLAS from spawning threads.
# (Must be set before numpy is imported, which spaCy does.)
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse
import json
import sys
import time

import spacy
from spacy.cli.init_config import init_config

LABELS = ["PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
          "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"]
WARM_UP_DOCS = 20


def build_pipeline():
    """English tok2vec + ner, as `spacy init config` makes it for efficiency."""
    config = init_config(lang="en", pipeline=["ner"], optimize="efficiency", gpu=False)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    ner = nlp.get_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    nlp.initialize()
    return nlp


def run_once(nlp, texts, batch_size):
    """Seconds and token count of one pass over the corpus."""
    started = time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=1))
    return time.perf_counter() - started, n_tokens


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help='JSONL file, one object with a "text" field a line')
    parser.add_argument("--runs", type=int, default=3, help="timed passes; the fastest counts")
    parser.add_argument("--max-docs", type=int, help="use only the first N documents")
    parser.add_argument("--batch-size", type=int, default=1000, help="nlp.pipe batch size (en_core_web_sm's is 1000)")
    parser.add_argument("--out", help="also write the JSON result to this file")
    args = parser.parse_args()

    with open(args.corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    texts = texts[: args.max_docs]
    if not texts:
        sys.exit(f"no documents in {args.corpus}")

    nlp = build_pipeline()
    assert nlp.lang == "en" and nlp.pipe_names == ["tok2vec", "ner"], nlp.pipe_names
    nlp.max_length = max(nlp.max_length, max(map(len, texts)))  # spaCy refuses longer texts by default
    run_once(nlp, texts[:WARM_UP_DOCS], args.batch_size)  # warm-up: allocations, caches

    # Fastest pass: the one least disturbed by other work on the machine.
    seconds, n_tokens = min(run_once(nlp, texts, args.batch_size) for _ in range(args.runs))
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    result = {
        "system": f"spaCy {spacy.__version__} NER (tok2vec+ner, en_core_web_sm architecture, efficiency config)",
        "documents": len(texts),
        "tokens": n_tokens,
        "bytes": n_bytes,
        "seconds": seconds,
        "documents_per_second": len(texts) / seconds,
        "tokens_per_second": n_tokens / seconds,
        "bytes_per_second": n_bytes / seconds,
        "weights": "untrained (same architecture)",
    }
    text = json.dumps(result, indent=2)
    print(text)
    print("note: weights are untrained; same network as en_core_web_sm's NER, so the same speed", file=sys.stderr)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
