package io.minimind.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.minimind.stack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: the orchestrator API under load from a loopback generator with bounded
 * concurrency. Submits {@code minimind.bench.pipelines} pipelines (default 10,000) with
 * {@code minimind.bench.concurrency} requests in flight (default 16), then reads random ones back
 * with GET /v1/pipelines/{id}, and prints submissions/s, reads/s and latency percentiles; the last
 * line is JSON. Runs only with {@code -Dminimind.bench=true} (docs/benchmarks.md has the command).
 */
class OrchestratorLoadBenchIT {
  private static final String SPEC = """
      name: bench-%d
      model: {preset: tiny}
      datasets: {poems: datasets/sample/pretrain_tiny.jsonl, chats: datasets/sample/sft_tiny.jsonl}
      stages:
        - {id: pretrain, kind: pretrain, dataset: poems, parameters: {maxSteps: 10}}
        - {id: sft, kind: sft, dataset: chats, parameters: {maxSteps: 10}}
        - {id: publish, kind: publish, parameters: {modelName: bench}}
      """;

  @Test
  void orchestratorApiUnderLoad() throws Exception {
    assumeTrue(Boolean.getBoolean("minimind.bench"), "benchmark: run with -Dminimind.bench=true");
    E2ePaths.assumeBuilt(E2eEnvironment.ORCHESTRATOR);
    int pipelines = Integer.getInteger("minimind.bench.pipelines", 10_000);
    int concurrency = Integer.getInteger("minimind.bench.concurrency", 16);
    int reads = Integer.getInteger("minimind.bench.reads", 10_000);
    try (E2eEnvironment env = E2eEnvironment.start();
        ServiceProcess orchestrator = env.startOrchestrator()) {
      orchestrator.awaitReady(Duration.ofSeconds(120));
      String base = orchestrator.baseUri().toString().replaceAll("/$", "");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      String[] ids = new String[pipelines];
      warmUp(http, base);
      Result post = run(pipelines, concurrency, i -> {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/pipelines"))
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(SPEC.formatted(i))).build();
        HttpResponse<String> r = send(http, req, 201);
        ids[i] = r.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        return null;
      });
      Random random = new Random(1);
      int[] picks = random.ints(reads, 0, pipelines).toArray();
      Result get = run(reads, concurrency, i -> {
        send(http, HttpRequest.newBuilder(URI.create(base + "/v1/pipelines/" + ids[picks[i]])).GET().build(), 200);
        return null;
      });
      report("POST /v1/pipelines", post);
      report("GET /v1/pipelines/{id} (" + pipelines + " pipelines stored)", get);
      System.out.printf(Locale.ROOT, "{\"pipelines\": %d, \"concurrency\": %d, \"post_per_s\": %.1f, "
              + "\"post_p50_ms\": %.2f, \"post_p99_ms\": %.2f, \"get_per_s\": %.1f, \"get_p50_ms\": %.2f, "
              + "\"get_p99_ms\": %.2f}%n", pipelines, concurrency, post.perSecond(), post.percentile(50),
          post.percentile(99), get.perSecond(), get.percentile(50), get.percentile(99));
    }
  }

  private static void warmUp(HttpClient http, String base) throws Exception {
    for (int i = 0; i < 200; i++) {
      send(http, HttpRequest.newBuilder(URI.create(base + "/v1/pipelines?size=5")).GET().build(), 200);
    }
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest req, int expected) throws Exception {
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(req.method() + " " + req.uri() + " answered " + r.statusCode()
          + ": " + r.body());
    }
    return r;
  }

  /** Latencies (ns) of every request and the wall time of the whole run. */
  record Result(long[] latencies, long wallNanos) {
    double perSecond() {
      return latencies.length / (wallNanos / 1e9);
    }

    double percentile(double p) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, index)] / 1e6;
    }
  }

  interface Call {
    Void call(int i) throws Exception;
  }

  /** Runs {@code n} calls with at most {@code concurrency} in flight. */
  private static Result run(int n, int concurrency, Call call) throws Exception {
    long[] latencies = new long[n];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            long t0 = System.nanoTime();
            call.call(i);
            latencies[i] = System.nanoTime() - t0;
          }
          return null;
        }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Result(latencies, System.nanoTime() - start);
  }

  private static void report(String what, Result r) {
    System.out.printf(Locale.ROOT, "%-50s %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n",
        what, r.perSecond(), r.percentile(50), r.percentile(99), r.percentile(100));
  }
}
