package io.minimind.core.infer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A small fork-join for the engine's many short parallel loops (about 35 per decode step, each
 * 50–500 µs): the calling thread works too, and the {@code threads − 1} daemon workers spin briefly
 * between loops before parking, so a loop starts without a wake-up round trip. Chunks are taken
 * dynamically from a counter, so uneven chunks balance. A loop is described by a fresh {@link Job}
 * (a few dozen bytes), so a worker late from the previous loop can never take a chunk of the next.
 *
 * <p>Not thread-safe: one thread (the engine's) submits loops.
 */
final class Parallel implements AutoCloseable {
  /** Body of a loop over items [start, end); {@code worker} in [0, threads) indexes scratch. */
  @FunctionalInterface
  interface Body {
    void run(int worker, int start, int end);
  }

  private static final long SPIN_NANOS = 2_000_000; // idle spin before parking: 2 ms

  private final int threads;
  private final Thread[] workers;
  private final AtomicIntegerArray asleep; // 1 while worker i+1 may be parked (volatile: Dekker with job)
  private volatile Job job;
  private volatile boolean closed;

  Parallel(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    this.asleep = new AtomicIntegerArray(Math.max(0, threads - 1));
    for (int i = 0; i < workers.length; i++) {
      int id = i + 1;
      workers[i] = new Thread(() -> workerLoop(id), "minimind-infer-" + id);
      workers[i].setDaemon(true);
      workers[i].start();
    }
  }

  int threads() {
    return threads;
  }

  /**
   * Runs {@code body} over [0, n) in chunks of at least {@code minChunk} items (at most 4 chunks
   * per thread) and returns when all are done.
   */
  void forRange(int n, int minChunk, Body body) {
    int chunks = Math.max(1, Math.min(n / Math.max(1, minChunk), 4 * threads));
    if (threads == 1 || chunks == 1) {
      body.run(0, 0, n);
      return;
    }
    Job j = new Job(body, n, chunks);
    job = j;
    for (int i = 0; i < workers.length; i++) {
      if (asleep.get(i) == 1) {
        LockSupport.unpark(workers[i]);
      }
    }
    j.work(0);
    for (int spins = 0; j.done.get() < chunks; spins++) {
      if (spins < 20_000) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // a worker lost its core (oversubscribed machine): let it run
      }
    }
    if (j.failure != null) {
      throw new IllegalStateException("inference worker failed", j.failure);
    }
  }

  private void workerLoop(int id) {
    Job seen = null;
    long idleSince = System.nanoTime();
    while (!closed) {
      Job j = job;
      if (j != seen && j != null) {
        seen = j;
        j.work(id);
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
        Thread.onSpinWait();
      } else {
        asleep.set(id - 1, 1);
        if (job == seen && !closed) {
          LockSupport.parkNanos(this, 50_000_000);
        }
        asleep.set(id - 1, 0);
        idleSince = System.nanoTime();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread w : workers) {
      LockSupport.unpark(w);
    }
  }

  /** One parallel loop. */
  private static final class Job {
    final Body body;
    final int n;
    final int chunks;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    volatile Throwable failure;

    Job(Body body, int n, int chunks) {
      this.body = body;
      this.n = n;
      this.chunks = chunks;
    }

    void work(int worker) {
      int c;
      while ((c = next.getAndIncrement()) < chunks) {
        try {
          body.run(worker, (int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
        } catch (Throwable t) {
          failure = t;
        } finally {
          done.incrementAndGet();
        }
      }
    }
  }
}
