package io.minimind.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code run <spec>}: {@code up}, submit one pipeline, print its progress, stop everything. Exit
 * code 0 when the pipeline SUCCEEDED, 1 otherwise, so it can gate a script.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Start the platform, run one pipeline spec to its end, then stop. Exit 0 on SUCCEEDED.")
final class RunCommand implements Callable<Integer> {
  static final String DEFAULT_SPEC = "examples/pipelines/sample-pretrain-sft.yaml";

  @Mixin
  StackOptions options = new StackOptions();

  @Parameters(index = "0", arity = "0..1", defaultValue = DEFAULT_SPEC, paramLabel = "<spec>",
      description = "Pipeline spec, YAML or JSON (default: ${DEFAULT-VALUE}, looked up in the repository"
          + " when not in the working directory).")
  Path spec;

  @Override
  public Integer call() throws Exception {
    Path file = specFile();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    PrintStream out = System.out;
    Instant begin = Instant.now();
    try (Stack stack = Stack.start(options, out)) {
      OrchestratorApi api = new OrchestratorApi(stack.orchestratorUrl(), options.apiToken);
      String id;
      try {
        id = api.submit(text, file.getFileName().toString().endsWith(".json"));
      } catch (OrchestratorApi.Rejected e) {
        System.err.println(file + " was rejected; " + e.getMessage());
        return 1;
      }
      out.println();
      out.println("submitted " + file + " as pipeline " + id);
      out.println("  (watch it elsewhere: curl -N " + stack.orchestratorUrl() + "/v1/pipelines/" + id + "/events)");
      ProgressPrinter printer = new ProgressPrinter(out);
      JsonNode end = api.follow(id, printer::update);
      Duration took = Duration.between(begin, Instant.now());
      out.printf("pipeline %s %s after %d:%02d (including start-up)%n", id, end.path("state").asText(),
          took.toMinutes(), took.toSecondsPart());
      for (JsonNode m : end.path("models")) {
        Path model = Path.of(URI.create(m.path("uri").asText()));
        out.println("published model " + m.path("name").asText() + " v" + m.path("version").asInt() + ": " + model);
        out.println("  chat with it: ./minimind chat --model " + model);
      }
      return "SUCCEEDED".equals(end.path("state").asText()) ? 0 : 1;
    }
  }

  /** The spec as given, else relative to the repository root (so the default works from anywhere). */
  Path specFile() {
    if (Files.isRegularFile(spec)) {
      return spec.toAbsolutePath().normalize();
    }
    Path inHome = options.homeDir().resolve(spec);
    if (!spec.isAbsolute() && Files.isRegularFile(inHome)) {
      return inHome;
    }
    throw new StackException("no pipeline spec at " + spec.toAbsolutePath()
        + (spec.isAbsolute() ? "" : " or " + inHome));
  }
}
