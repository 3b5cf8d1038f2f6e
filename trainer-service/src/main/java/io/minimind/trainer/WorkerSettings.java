package io.minimind.trainer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the training worker ({@code minimind.worker.*}). Kafka wiring lives in
 * application.properties; everything that changes how a job runs is typed here, with its default.
 */
@ConfigMapping(prefix = "minimind.worker")
public interface WorkerSettings {
  /**
   * Root of the artifact store (a shared volume in Kubernetes). Every URI of a job must be a
   * {@code file:} URI that resolves inside it; anything else fails the stage as SPEC.
   */
  @WithDefault("./data")
  String artifactRoot();

  /**
   * This worker's id in heartbeats and logs; unset means {@code <hostname>-<pid>-<random>}, which
   * is unique per process, so the orchestrator can tell a restarted worker from the old one.
   */
  Optional<String> id();

  /**
   * How often a heartbeat is sent while a job runs (one is also sent when it starts). Keep it well
   * below the orchestrator's heartbeat timeout.
   */
  @WithDefault("5s")
  Duration heartbeatInterval();

  /**
   * On shutdown, how long to wait for the running job to stop at its next step boundary (it is
   * asked to stop at once) before the process goes down anyway.
   */
  @WithDefault("30s")
  Duration shutdownGrace();

  /**
   * How many (pipeline, stage, attempt) keys are remembered as already run or cancelled; older
   * keys are forgotten first. Redeliveries come within minutes, so a few thousand is plenty.
   */
  @WithDefault("4096")
  int rememberedAttempts();
}
