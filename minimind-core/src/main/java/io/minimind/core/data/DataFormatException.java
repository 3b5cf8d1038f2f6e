package io.minimind.core.data;

/**
 * The data has more bad lines than the {@link BadLinePolicy} allows. Fatal, not retriable: the same
 * file fails the same way; fix the data or raise the limit.
 */
public class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient BadLine badLine;
  private final int badCount;

  public DataFormatException(BadLine badLine, int badCount, int maxBadLines) {
    super(badLine + " (bad line " + badCount + ", more than the " + maxBadLines
        + " allowed; fix the data or raise maxBadLines)");
    this.badLine = badLine;
    this.badCount = badCount;
  }

  /** The line that crossed the limit. */
  public BadLine badLine() {
    return badLine;
  }

  /** Bad lines seen so far, this one included. */
  public int badCount() {
    return badCount;
  }
}
