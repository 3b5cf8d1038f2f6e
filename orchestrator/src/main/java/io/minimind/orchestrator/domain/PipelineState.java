package io.minimind.orchestrator.domain;

/** A pipeline runs its stages in order; it ends when all succeeded, one failed, or a user cancelled. */
public enum PipelineState {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean terminal() {
    return this != RUNNING;
  }

  /** Parses a state name as the API accepts it (case-insensitive); null for an unknown name. */
  public static PipelineState parse(String name) {
    for (PipelineState s : values()) {
      if (s.name().equalsIgnoreCase(name)) {
        return s;
      }
    }
    return null;
  }
}
