package io.minimind.core.tokenizer.bpe;

import io.minimind.core.data.BadLine;
import io.minimind.core.data.BadLinePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the pre-tokens of corpus files in parallel, streaming: each file is cut into byte ranges
 * that start at line starts, {@code threads} workers take ranges in turn, read them through a
 * fixed buffer and count into their own {@link WordCounts}; the maps are summed at the end. Bad
 * JSONL lines are reported as {@code file:line: reason} to the {@link BadLinePolicy} once all
 * ranges are read (line numbers need the line counts of earlier ranges).
 */
public final class CorpusWordCounter {
  private static final int CHUNK_BYTES = 4 << 20;

  /** Word counts plus what was read. */
  public record Result(WordCounts words, long texts, long pieces, long bytes, long badLines) {}

  private CorpusWordCounter() {}

  /** Counts every file (format by extension, see {@link CorpusFormat#forPath}). */
  public static Result count(List<Path> files, int threads, BadLinePolicy policy)
      throws IOException {
    List<Range> ranges = new ArrayList<>();
    long bytes = 0;
    for (Path f : files) {
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
        bytes += ch.size();
        ranges.addAll(split(f, ch));
      } catch (NoSuchFileException e) {
        throw new NoSuchFileException(f.toString(), null, "corpus file not found");
      }
    }
    TextSink[] sinks = new TextSink[Math.max(1, threads)];
    AtomicInteger next = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < sinks.length; t++) {
      TextSink sink = new TextSink();
      sinks[t] = sink;
      Thread th = new Thread(() -> {
        try {
          for (int r; (r = next.getAndIncrement()) < ranges.size(); ) {
            ranges.get(r).read(sink);
          }
        } catch (IOException | RuntimeException e) {
          synchronized (failure) {
            failure[0] = e;
          }
        }
      }, "bpe-count-" + t);
      workers.add(th);
      th.start();
    }
    for (Thread th : workers) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while counting words", e);
      }
    }
    if (failure[0] instanceof IOException io) {
      throw io;
    } else if (failure[0] != null) {
      throw (RuntimeException) failure[0];
    }
    long bad = reportBadLines(ranges, policy);
    WordCounts all = sinks[0].counts;
    long texts = sinks[0].texts;
    long pieces = sinks[0].words;
    for (int t = 1; t < sinks.length; t++) {
      all.addAll(sinks[t].counts);
      texts += sinks[t].texts;
      pieces += sinks[t].words;
    }
    return new Result(all, texts, pieces, bytes, bad);
  }

  private static long reportBadLines(List<Range> ranges, BadLinePolicy policy) {
    long bad = 0;
    long base = 0;
    Path file = null;
    for (Range r : ranges) {
      if (!r.file.equals(file)) {
        file = r.file;
        base = 0;
      }
      for (int i = 0; i < r.badLocal.size(); i++) {
        bad++;
        policy.report(new BadLine(r.file, base + r.badLocal.get(i), r.badReason.get(i)));
      }
      base += r.lines;
    }
    return bad;
  }

  /** Cuts a file into ranges of about {@link #CHUNK_BYTES} that begin at line starts. */
  private static List<Range> split(Path f, FileChannel ch) throws IOException {
    List<Range> out = new ArrayList<>();
    long size = ch.size();
    long start = 0;
    ByteBuffer probe = ByteBuffer.allocate(64 << 10);
    while (start < size) {
      long end = Math.min(size, start + CHUNK_BYTES);
      while (end < size) {
        probe.clear();
        int n = ch.read(probe, end);
        int k = 0;
        while (k < n && probe.get(k) != '\n') {
          k++;
        }
        end += k;
        if (k < n) {
          end++;
          break;
        }
      }
      out.add(new Range(f, start, end));
      start = end;
    }
    return out;
  }

  /** Bytes {@code [start, end)} of a file, whole lines. */
  private static final class Range {
    final Path file;
    final long start;
    final long end;
    final CorpusFormat format;
    long lines;
    final List<Long> badLocal = new ArrayList<>();
    final List<String> badReason = new ArrayList<>();

    Range(Path file, long start, long end) {
      this.file = file;
      this.start = start;
      this.end = end;
      this.format = CorpusFormat.forPath(file);
    }

    void read(TextSink sink) throws IOException {
      byte[] buf = new byte[Math.toIntExact(end - start)];
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer bb = ByteBuffer.wrap(buf);
        while (bb.hasRemaining()) {
          if (ch.read(bb, start + bb.position()) < 0) {
            throw new UncheckedIOException(new IOException(file + " shrank while reading"));
          }
        }
      }
      int lineStart = 0;
      for (int i = 0; i <= buf.length; i++) {
        if (i == buf.length ? i > lineStart : buf[i] == '\n') {
          int stop = format == CorpusFormat.TEXT ? Math.min(i + 1, buf.length) : i;
          String line = TextSink.utf8(buf, lineStart, stop - lineStart);
          lines++;
          String why = format.feed(line, sink);
          if (why != null) {
            badLocal.add(lines);
            badReason.add(why);
          }
          lineStart = i + 1;
        }
      }
    }
  }
}
