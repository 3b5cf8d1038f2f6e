package io.minimind.contracts.messages;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Something a worker reports about a stage attempt. Serialised flat, with a {@code "type"}
 * discriminator (one of the {@code TYPE_*} constants) next to the envelope fields; deserialise as
 * {@code StageEvent} and dispatch with {@code instanceof}, or as the concrete record when a topic
 * carries one type only.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = StageProgress.class, name = StageEvent.TYPE_PROGRESS),
  @JsonSubTypes.Type(value = CheckpointSaved.class, name = StageEvent.TYPE_CHECKPOINT_SAVED),
  @JsonSubTypes.Type(value = StageCompleted.class, name = StageEvent.TYPE_STAGE_COMPLETED),
  @JsonSubTypes.Type(value = StageFailed.class, name = StageEvent.TYPE_STAGE_FAILED),
  @JsonSubTypes.Type(value = Heartbeat.class, name = StageEvent.TYPE_HEARTBEAT),
  @JsonSubTypes.Type(value = ModelPublished.class, name = StageEvent.TYPE_MODEL_PUBLISHED)
})
public sealed interface StageEvent extends StageMessage
    permits StageProgress, CheckpointSaved, StageCompleted, StageFailed, Heartbeat,
        ModelPublished {

  String TYPE_PROGRESS = "stage-progress";
  String TYPE_CHECKPOINT_SAVED = "checkpoint-saved";
  String TYPE_STAGE_COMPLETED = "stage-completed";
  String TYPE_STAGE_FAILED = "stage-failed";
  String TYPE_HEARTBEAT = "heartbeat";
  String TYPE_MODEL_PUBLISHED = "model-published";

  /** When the worker sent the event, epoch milliseconds. */
  long sentAt();
}
