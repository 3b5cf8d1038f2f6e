package io.minimind.orchestrator.api;

import io.minimind.orchestrator.domain.PipelineState;
import io.minimind.orchestrator.service.OrchestratorSettings;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Live progress as server-sent events: the pipeline (stages, latest metrics, attempts) is sent
 * when the stream opens and again whenever it changes; the stream ends after the pipeline ended.
 * Changes are found by polling the database, so any orchestrator replica can serve any stream.
 */
@Path("/v1/pipelines/{id}/events")
public class PipelineEventsResource {
  private final PipelineQueries queries;
  private final OrchestratorSettings settings;

  public PipelineEventsResource(PipelineQueries queries, OrchestratorSettings settings) {
    this.queries = queries;
    this.settings = settings;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Blocking
  public Multi<PipelineViews.Detail> events(@PathParam("id") String id) {
    UUID pipeline = PipelinesResource.uuid(id);
    PipelineViews.Detail first = queries.detail(pipeline); // 404 before the stream starts
    return Multi.createFrom().emitter(emitter -> follow(pipeline, first, emitter));
  }

  private void follow(UUID pipeline, PipelineViews.Detail first, MultiEmitter<? super PipelineViews.Detail> emitter) {
    AtomicReference<Instant> lastSeen = new AtomicReference<>(first.updatedAt());
    emitter.emit(first);
    if (ended(first)) {
      emitter.complete();
      return;
    }
    long every = Math.max(50, settings.eventPollInterval().toMillis());
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    task.set(Infrastructure.getDefaultWorkerPool().scheduleWithFixedDelay(() -> {
      try {
        PipelineViews.Detail now = queries.detail(pipeline);
        if (!now.updatedAt().equals(lastSeen.get())) {
          lastSeen.set(now.updatedAt());
          emitter.emit(now);
        }
        if (ended(now)) {
          emitter.complete();
          task.get().cancel(false);
        }
      } catch (RuntimeException e) {
        emitter.fail(e);
        task.get().cancel(false);
      }
    }, every, every, TimeUnit.MILLISECONDS));
    emitter.onTermination(() -> {
      ScheduledFuture<?> t = task.get();
      if (t != null) {
        t.cancel(false);
      }
    });
  }

  private static boolean ended(PipelineViews.Detail d) {
    return PipelineState.valueOf(d.state()).terminal();
  }
}
