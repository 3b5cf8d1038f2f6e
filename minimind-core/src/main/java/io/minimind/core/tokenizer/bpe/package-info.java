/**
 * Byte-level BPE training the way Hugging Face {@code tokenizers} does it for MiniMind's
 * {@code train_tokenizer.py}: {@link io.minimind.core.tokenizer.bpe.ByteLevelPreTokenizer} splits
 * text with GPT-2's pattern, {@link io.minimind.core.tokenizer.bpe.CorpusWordCounter} counts the
 * pre-tokens of jsonl or plain-text corpora in parallel byte ranges, {@link
 * io.minimind.core.tokenizer.bpe.BpeTrainer} learns merges with an incremental pair index and a
 * lazily invalidated heap (HF's {@code BpeTrainer} semantics, tie-breaks included), and {@link
 * io.minimind.core.tokenizer.bpe.TokenizerFiles} writes {@code tokenizer.json} and {@code
 * tokenizer_config.json}. {@link io.minimind.core.tokenizer.bpe.BpeTraining} runs the whole job.
 */
package io.minimind.core.tokenizer.bpe;
