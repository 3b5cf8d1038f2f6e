package io.minimind.cli;

import ai.djl.ndarray.NDManager;
import io.minimind.core.checkpoint.ModelDirectory;
import io.minimind.core.sampling.ChatSession;
import io.minimind.core.sampling.GenerationConfig;
import io.minimind.core.tokenizer.ChatMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minimind chat}: talk to a model directory or checkpoint. */
@Command(name = "chat", mixinStandardHelpOptions = true,
    description = "Chat with a model directory (or a checkpoint). Interactive unless --prompt is given.")
final class ChatCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "model directory, e.g. runs/quickstart/sft/model")
  Path model;

  @Option(names = "--prompt", description = "answer this one message and exit")
  String prompt;

  @Option(names = "--system", description = "system prompt (default: the template's)")
  String system;

  @Option(names = "--max-new-tokens", defaultValue = "512") int maxNewTokens;
  @Option(names = "--temperature", defaultValue = "0.85", description = "0 = greedy") double temperature;
  @Option(names = "--top-p", defaultValue = "0.85") double topP;
  @Option(names = "--top-k", defaultValue = "0") int topK;
  @Option(names = "--repetition-penalty", defaultValue = "1.0") double repetitionPenalty;
  @Option(names = "--seed", defaultValue = "42") long seed;
  @Option(names = "--history", defaultValue = "true", negatable = true,
      description = "keep earlier turns in the conversation (default on)")
  boolean history;

  @Mixin EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    engine.apply();
    GenerationConfig settings = new GenerationConfig(maxNewTokens, temperature, topK, topP,
        repetitionPenalty, null, seed);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ModelDirectory.Loaded loaded = ModelDirectory.load(model, manager);
      if (loaded.bundledTokenizer()) {
        System.err.println("note: " + model + " has no tokenizer.json; using MiniMind's tokenizer");
      }
      ChatSession session = new ChatSession(loaded.model(), loaded.tokenizer(), manager);
      List<ChatMessage> conversation = new ArrayList<>();
      if (system != null) {
        conversation.add(ChatMessage.system(system));
      }
      if (prompt != null) {
        conversation.add(ChatMessage.user(prompt));
        session.reply(conversation, settings, piece -> System.out.print(piece));
        System.out.println();
        return 0;
      }
      interactive(session, conversation, settings);
      return 0;
    }
  }

  private void interactive(ChatSession session, List<ChatMessage> conversation, GenerationConfig settings)
      throws java.io.IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("Chatting with " + model + ". Empty line or Ctrl-D to quit.");
    int baseline = conversation.size();
    while (true) {
      System.out.print("\n👶: ");
      System.out.flush();
      String line = in.readLine();
      if (line == null || line.isBlank()) {
        return;
      }
      if (!history) {
        conversation.subList(baseline, conversation.size()).clear();
      }
      conversation.add(ChatMessage.user(line));
      System.out.print("🤖: ");
      ChatSession.Reply reply = session.reply(conversation, settings, piece -> {
        System.out.print(piece);
        System.out.flush();
      });
      System.out.println();
      conversation.add(ChatMessage.assistant(reply.text()));
    }
  }
}
