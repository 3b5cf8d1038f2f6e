package io.minimind.core.export;

/**
 * A model that the requested export format cannot represent faithfully (MoE to GGUF, YaRN to
 * HF Llama or llama.cpp). A user error, not a bug: the message says what to change.
 */
public final class UnsupportedExportException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnsupportedExportException(String message) {
    super(message);
  }
}
