package io.minimind.cli;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.templates.HfChatTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minimind tokenizer render}: messages (+ tools) → text with the tokenizer's chat template. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Render a conversation with the tokenizer's chat template, as transformers does.")
final class TokenizerRenderCommand implements Callable<Integer> {
  @Option(names = "--tokenizer", description = "tokenizer directory (default: MiniMind's)") Path tokenizer;
  @Option(names = "--messages", required = true, description = "JSON array of messages, or @file") String messages;
  @Option(names = "--tools", description = "JSON array of tool definitions, or @file") String tools;
  @Option(names = "--add-generation-prompt") boolean addGenerationPrompt;
  @Option(names = "--enable-thinking", arity = "1", description = "true/false (the template's enable_thinking)") Boolean enableThinking;
  @Option(names = "--ids", description = "also print the token ids") boolean ids;

  @Override
  public Integer call() throws Exception {
    try (MiniMindTokenizer tok = tokenizer != null ? MiniMindTokenizer.load(tokenizer) : MiniMindTokenizer.defaultTokenizer()) {
      if (tok.chatTemplate() == null) {
        throw new IllegalArgumentException("the tokenizer has no chat_template in tokenizer_config.json");
      }
      Map<String, Object> vars = new HashMap<>();
      vars.put("messages", jsonList("--messages", messages));
      if (tools != null) {
        vars.put("tools", jsonList("--tools", tools));
      }
      vars.put("add_generation_prompt", addGenerationPrompt);
      if (enableThinking != null) {
        vars.put("enable_thinking", enableThinking);
      }
      String text = HfChatTemplate.compile(tok.chatTemplate()).render(vars);
      System.out.print(text);
      if (ids) {
        System.out.println();
        System.out.println(java.util.Arrays.toString(tok.encode(text)));
      }
    }
    return 0;
  }

  private static List<?> jsonList(String option, String value) throws java.io.IOException {
    String json = value.startsWith("@") ? Files.readString(Path.of(value.substring(1))) : value;
    try {
      List<?> list = new Gson().fromJson(json, List.class);
      if (list == null) {
        throw new IllegalArgumentException(option + " must be a JSON array");
      }
      return list;
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(option + " is not a JSON array: " + e.getMessage());
    }
  }
}
