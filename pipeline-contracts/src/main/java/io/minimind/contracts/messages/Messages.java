package io.minimind.contracts.messages;

import java.util.UUID;

/** Constants and small helpers for building messages. */
public final class Messages {
  /** The schema version every message written by this build carries. */
  public static final int SCHEMA_VERSION = 1;

  private Messages() {}

  /** A fresh message id (random UUID string); consumers deduplicate on it. */
  public static String newMessageId() {
    return UUID.randomUUID().toString();
  }

  /** The current time as epoch milliseconds, the unit of every timestamp in these messages. */
  public static long now() {
    return System.currentTimeMillis();
  }
}
