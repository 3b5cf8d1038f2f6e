package io.minimind.core.serving;

/** The batcher's queue is full; the caller should retry later (HTTP 429 with Retry-After). */
public final class QueueFullException extends RuntimeException {
  public QueueFullException(int queued) {
    super("server busy: " + queued + " requests are already waiting; retry later");
  }
}
