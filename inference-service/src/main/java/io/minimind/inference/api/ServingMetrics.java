package io.minimind.inference.api;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.minimind.inference.chat.ChoiceRun;
import io.minimind.inference.model.ModelRegistry;
import io.minimind.inference.model.ServedModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus metrics (at {@code /q/metrics}): per model, the batcher's queue depth, running
 * sequences, mean batch size and generated tokens (a counter: tokens/s is its rate); per request,
 * time to first token and end-to-end latency.
 */
@ApplicationScoped
public class ServingMetrics {
  private final MeterRegistry meters;
  private final ModelRegistry models;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  public ServingMetrics(MeterRegistry meters, ModelRegistry models) {
    this.meters = meters;
    this.models = models;
  }

  /** Records a request's choices when they finish (and registers the model's gauges once). */
  public void track(ServedModel model, List<ChoiceRun> runs) {
    String name = model.name();
    if (registered.add(name)) {
      Gauge.builder("minimind.batcher.queued", models, r -> r.get(name).batcher().stats().queued())
          .tag("model", name).description("requests waiting for a place in the batch").register(meters);
      Gauge.builder("minimind.batcher.running", models, r -> r.get(name).batcher().stats().running())
          .tag("model", name).description("sequences in the running batch").register(meters);
      Gauge.builder("minimind.batcher.mean.batch", models, r -> r.get(name).batcher().stats().meanBatch())
          .tag("model", name).description("mean sequences per model step").register(meters);
      FunctionCounter.builder("minimind.generated.tokens", models,
              r -> r.get(name).batcher().stats().generatedTokens())
          .tag("model", name).description("tokens generated").register(meters);
    }
    Timer ttft = Timer.builder("minimind.time.to.first.token").tag("model", name)
        .publishPercentiles(0.5, 0.99).register(meters);
    Timer latency = Timer.builder("minimind.request.latency").tag("model", name)
        .publishPercentiles(0.5, 0.99).register(meters);
    for (ChoiceRun run : runs) {
      run.done().whenComplete((o, e) -> {
        if (run.timeToFirstTokenNanos() >= 0) {
          ttft.record(Duration.ofNanos(run.timeToFirstTokenNanos()));
        }
        latency.record(Duration.ofNanos(System.nanoTime() - run.startedNanos()));
      });
    }
  }
}
