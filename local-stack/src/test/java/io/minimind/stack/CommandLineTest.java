package io.minimind.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The command line of {@code ./minimind stack}: defaults, options, and errors that exit non-zero. */
class CommandLineTest {
  private static Object parse(String... args) {
    CommandLine cl = LocalStack.commandLine(System.out, System.err);
    ParseResult r = cl.parseArgs(args);
    return r.subcommand().commandSpec().userObject();
  }

  @Test
  void upHasTheDocumentedDefaults() {
    UpCommand up = (UpCommand) parse("up");
    assertEquals(8080, up.options.orchestratorPort);
    assertEquals(8081, up.options.trainerPort);
    assertEquals(8082, up.options.tokenizerPort);
    assertEquals(Path.of("./data"), up.options.data);
    assertEquals("2g", up.options.trainerHeap);
    assertNull(up.options.apiToken);
  }

  @Test
  void runTakesASpecAndTheSharedOptions() {
    RunCommand run = (RunCommand) parse("run", "my-spec.yaml", "--data", "/tmp/d", "--orchestrator-port", "9090",
        "--api-token", "s3cret");
    assertEquals(Path.of("my-spec.yaml"), run.spec);
    assertEquals(Path.of("/tmp/d"), run.options.dataDir());
    assertEquals(9090, run.options.orchestratorPort);
    assertEquals("s3cret", run.options.apiToken);
  }

  @Test
  void runDefaultsToTheSampleSpecFoundInTheRepository() {
    RunCommand run = (RunCommand) parse("run", "--home", repoRoot().toString());
    assertEquals(Path.of(RunCommand.DEFAULT_SPEC), run.spec);
    assertEquals(repoRoot().resolve(RunCommand.DEFAULT_SPEC), run.specFile());
  }

  @Test
  void noCommandMeansUp() {
    assertEquals(List.of("up"), List.of(LocalStack.withDefaultCommand(new String[0])));
    assertEquals(List.of("up", "--data", "/x"), List.of(LocalStack.withDefaultCommand(new String[] {"--data", "/x"})));
    assertEquals(List.of("--help"), List.of(LocalStack.withDefaultCommand(new String[] {"--help"})));
    assertEquals(List.of("run", "a.yaml"), List.of(LocalStack.withDefaultCommand(new String[] {"run", "a.yaml"})));
  }

  @Test
  void badArgumentsExitWithUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = LocalStack.commandLine(System.out, new PrintStream(err, true, StandardCharsets.UTF_8))
        .execute("up", "--orchestrator-port", "eighty");
    assertEquals(2, rc);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--orchestrator-port"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMissingSpecIsAClearErrorAndExitCodeOne() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = LocalStack.commandLine(System.out, new PrintStream(err, true, StandardCharsets.UTF_8))
        .execute("run", "no-such-spec.yaml", "--home", repoRoot().toString());
    assertEquals(1, rc);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no pipeline spec at"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theHomeIsFoundFromTheClassesWithoutOptions() {
    assertEquals(repoRoot(), new StackOptions().homeDir());
  }

  /** Surefire runs in local-stack/, so the repository is its parent. */
  static Path repoRoot() {
    return Path.of("").toAbsolutePath().getParent();
  }
}
