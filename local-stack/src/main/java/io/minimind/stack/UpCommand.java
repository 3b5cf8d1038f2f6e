package io.minimind.stack;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code up}: starts the platform, says how to use it, and keeps it running until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start Kafka, PostgreSQL and the services; stay up until Ctrl-C.")
final class UpCommand implements Callable<Integer> {
  @Mixin
  StackOptions options = new StackOptions();

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Stack stack = Stack.start(options, out);
    printUsage(stack, out);
    // Stay up; a service that dies on its own ends the stack (the exit runs the shutdown hook).
    while (true) {
      for (ServiceProcess s : stack.services()) {
        if (!s.isAlive()) {
          Thread.sleep(1000);
          if (stack.isClosed()) {
            return 0; // Ctrl-C: the terminal signalled the children too; the shutdown hook stops the rest
          }
          System.err.println(s.name() + " exited with code " + s.exitValue() + "; see " + s.logFile()
              + ". Last lines:\n" + s.logTail(20));
          stack.close();
          return 1;
        }
      }
      Thread.sleep(2000);
    }
  }

  private void printUsage(Stack stack, PrintStream out) {
    String api = stack.orchestratorUrl();
    String auth = options.apiToken == null ? "" : " -H 'Authorization: Bearer " + options.apiToken + "'";
    out.println();
    out.println("The platform is up. Ctrl-C stops everything. Data and logs: " + options.dataDir());
    out.println("  submit  curl" + auth + " -X POST " + api + "/v1/pipelines -H 'Content-Type: application/yaml'"
        + " --data-binary @examples/pipelines/sample-pretrain-sft.yaml");
    out.println("  watch   curl -N" + auth + " " + api + "/v1/pipelines/<id>/events");
    out.println("  list    curl" + auth + " " + api + "/v1/pipelines   (one: /v1/pipelines/<id>, /v1/pipelines/<id>/metrics)");
    out.println("  cancel  curl" + auth + " -X POST " + api + "/v1/pipelines/<id>/cancel");
    out.println("  models  curl" + auth + " " + api + "/v1/models");
    out.println("  schema  " + api + "/v1/pipeline-schema    OpenAPI " + api + "/q/openapi");
    out.println("  tokenizer " + "http://localhost:" + options.tokenizerPort + "/q/openapi   trainer health "
        + "http://localhost:" + options.trainerPort + "/q/health");
  }
}
