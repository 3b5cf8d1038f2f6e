package io.minimind.cli;

import io.minimind.core.tokenizer.MiniMindTokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minimind tokenizer encode}: text → ids (and back, to show the round trip). */
@Command(name = "encode", mixinStandardHelpOptions = true, description = "Print the token ids of a text.")
final class TokenizerEncodeCommand implements Callable<Integer> {
  @Option(names = "--tokenizer", description = "tokenizer directory (default: MiniMind's)") Path tokenizer;
  @Option(names = "--text", required = true) String text;

  @Override
  public Integer call() throws Exception {
    try (MiniMindTokenizer tok = tokenizer != null ? MiniMindTokenizer.load(tokenizer) : MiniMindTokenizer.defaultTokenizer()) {
      int[] ids = tok.encode(text);
      System.out.println(Arrays.toString(ids));
      System.out.println(ids.length + " tokens; decodes to: " + tok.decode(ids));
    }
    return 0;
  }
}
