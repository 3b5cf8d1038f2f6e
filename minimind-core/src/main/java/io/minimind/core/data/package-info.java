/**
 * Training data: JSONL files indexed in one streaming pass ({@link io.minimind.core.data.JsonlIndex},
 * with a {@link io.minimind.core.data.BadLinePolicy} for malformed lines), random access to lines
 * ({@link io.minimind.core.data.JsonlReader}), MiniMind's sample encodings ({@link
 * io.minimind.core.data.PretrainEncoder}, {@link io.minimind.core.data.SftEncoder}) and the
 * datasets the trainer consumes ({@link io.minimind.core.data.TokenDataset}). Too many bad lines
 * is a fatal {@link io.minimind.core.data.DataFormatException}.
 */
package io.minimind.core.data;
