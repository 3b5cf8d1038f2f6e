package io.minimind.cli;

import io.minimind.core.data.BadLinePolicy;
import io.minimind.core.data.JsonlDataset;
import io.minimind.core.data.ShardedDataset;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minimind tokenize}: a MiniMind JSONL dataset → token shards the trainer reads directly. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = "Tokenize a MiniMind JSONL file (pretrain, sft, dpo, rlaif) into memory-mappable token shards.")
final class TokenizeCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "MiniMind-format JSONL file") Path data;
  @Option(names = "--kind", required = true, description = "pretrain, sft, dpo (2 samples per line) or rlaif (prompts)") String kind;
  @Option(names = "--out", required = true, description = "output directory (must not exist)") Path out;
  @Option(names = "--max-seq-len", defaultValue = "512", description = "samples are truncated to this; default ${DEFAULT-VALUE}") int maxSeqLen;
  @Option(names = "--tokenizer", description = "tokenizer directory (default: MiniMind's)") Path tokenizer;
  @Option(names = "--max-bad-lines", defaultValue = "100", description = "default ${DEFAULT-VALUE}") int maxBadLines;
  @Option(names = "--shard-tokens", defaultValue = "200000000", description = "tokens per shard at most; default ${DEFAULT-VALUE}") long shardTokens;

  @Override
  public Integer call() throws Exception {
    String k = kind.toLowerCase(Locale.ROOT);
    long start = System.nanoTime();
    try (MiniMindTokenizer tok = tokenizer != null ? MiniMindTokenizer.load(tokenizer) : MiniMindTokenizer.defaultTokenizer()) {
      BadLinePolicy policy = new BadLinePolicy(maxBadLines);
      try (JsonlDataset source = JsonlDataset.open(k, data, tok, maxSeqLen, policy)) {
        ShardedDataset.Summary m = ShardedDataset.write(source, k, tok.sha256(), tok.vocabSize(), out, shardTokens);
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "tokenize: %s -> %s: %d samples, %d tokens, %d shard(s), "
                + "%d bad and %d blank lines skipped, %.1f s (%.0f tokens/s)%n",
            data, out, m.documents(), m.tokens(), m.shards(), m.badLines(), m.blankLines(), s,
            m.tokens() / s);
      }
    }
    return 0;
  }
}
