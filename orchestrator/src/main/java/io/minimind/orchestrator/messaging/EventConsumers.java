package io.minimind.orchestrator.messaging;

import io.minimind.contracts.messages.StageEvent;
import io.minimind.orchestrator.service.StageEventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * What workers send: stage events, heartbeats and model publications, each on its own topic, all
 * applied by {@link StageEventHandler}. A message that cannot be read (null payload after a
 * deserialisation failure) is rejected, which sends it to the channel's dead-letter topic rather
 * than dropping it. Offsets are committed only after the handler's transaction committed.
 */
@ApplicationScoped
public class EventConsumers {
  private static final Logger LOG = Logger.getLogger(EventConsumers.class);
  private final StageEventHandler handler;

  public EventConsumers(StageEventHandler handler) {
    this.handler = handler;
  }

  @Incoming("stage-events")
  @Blocking
  public void onStageEvent(StageEvent event) {
    apply(event, "stage event");
  }

  @Incoming("heartbeats")
  @Blocking
  public void onHeartbeat(StageEvent event) {
    apply(event, "heartbeat");
  }

  @Incoming("model-published")
  @Blocking
  public void onModelPublished(StageEvent event) {
    apply(event, "model publication");
  }

  private void apply(StageEvent event, String what) {
    if (event == null) {
      throw new IllegalArgumentException("unreadable " + what + " (see the dead-letter topic)");
    }
    StageEventHandler.Result r = handler.handle(event);
    LOG.debugf("%s %s of %s/%s#%d: %s", what, event.messageId(), event.pipelineId(),
        event.stageId(), event.attempt(), r);
  }
}
