package io.minimind.trainer;

import io.minimind.contracts.messages.Heartbeat;
import io.minimind.contracts.messages.ModelPublished;
import io.minimind.contracts.messages.StageEvent;
import io.minimind.contracts.messages.StageFailed;
import io.minimind.contracts.messages.StageJob;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sends jobs to the worker's in-memory channels and waits for and filters what it reports. */
final class JobEvents {
  private final InMemoryConnector connector;

  JobEvents(InMemoryConnector connector) {
    this.connector = connector;
  }

  void send(StageJob... jobs) {
    for (StageJob j : jobs) {
      connector.<StageJob>source("stage-jobs").send(j);
    }
  }

  @SuppressWarnings("unchecked")
  <T> io.smallrye.reactive.messaging.memory.InMemorySink<T> sink(String channel) {
    return (io.smallrye.reactive.messaging.memory.InMemorySink<T>) connector.sink(channel);
  }

  List<StageEvent> events(StageJob job) {
    return this.<StageEvent>sink("stage-events").received().stream().map(m -> m.getPayload())
        .filter(same(job)).toList();
  }

  <T extends StageEvent> List<T> of(StageJob job, Class<T> type) {
    return events(job).stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<Heartbeat> heartbeats(StageJob job) {
    return this.<Heartbeat>sink("heartbeats").received().stream().map(m -> m.getPayload())
        .filter(same(job)).toList();
  }

  static Predicate<StageEvent> same(StageJob job) {
    return e -> e.pipelineId().equals(job.pipelineId()) && e.stageId().equals(job.stageId())
        && e.attempt() == job.attempt();
  }

  <T extends StageEvent> T await(StageJob job, Class<T> type) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      List<StageEvent> got = events(job);
      for (StageEvent e : got) {
        if (type.isInstance(e)) {
          return type.cast(e);
        }
        if (e instanceof StageFailed f && type != StageFailed.class) {
          throw new AssertionError("expected " + type.getSimpleName() + " but " + f);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + type.getSimpleName() + " for " + AttemptLedger.key(job) + ": " + events(job));
  }

  void awaitCount(StageJob job, Class<? extends StageEvent> type, int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (of(job, type).size() < n && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(n, of(job, type).size(), events(job).toString());
  }

  ModelPublished awaitPublished(StageJob job) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      var found = this.<ModelPublished>sink("model-published").received().stream()
          .map(m -> m.getPayload()).filter(same(job)).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no ModelPublished for " + AttemptLedger.key(job) + ": " + events(job));
  }
}
