package io.minimind.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One built Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as its own
 * JVM, the way it runs in production: separate heaps, real Kafka clients, real crashes
 * ({@link #kill()} is SIGKILL, no shutdown hooks). The local stack runs the platform with it and the
 * end-to-end tests (e2e-tests) drive their fault scenarios with it, so both share one launcher.
 *
 * <p>Output goes to {@link Builder#logFile} or else {@code <logDir>/<name>-<n>.log} ({@code n} counts
 * starts of that name in this JVM, so a restarted service gets a new file); its first line is the
 * full command. Failures quote the log's tail. Processes still alive when this JVM exits are stopped
 * by a shutdown hook (SIGTERM, then SIGKILL after {@link #REAP_GRACE}), so no run leaves orphans.
 */
public final class ServiceProcess implements AutoCloseable {
  /** How long the exit hook lets services shut down gracefully before it kills them. */
  public static final Duration REAP_GRACE = Duration.ofSeconds(20);
  private static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final int TAIL_LINES = 60;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ServiceProcess::reap, "service-process-reaper"));
  }

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private ServiceProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts describing a launch of {@code jar}; {@code name} names the log file. */
  public static Builder builder(String name, Path jar) {
    return new Builder(name, jar);
  }

  public String name() {
    return name;
  }

  /** The HTTP port, given as {@code -Dquarkus.http.port}. */
  public int port() {
    return port;
  }

  public URI baseUri() {
    return URI.create("http://localhost:" + port);
  }

  public Path logFile() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Exit code; only valid once the process has ended. */
  public int exitValue() {
    return process.exitValue();
  }

  /**
   * Polls {@code /q/health/ready} until it answers 200. Fails with a {@link StackException} quoting
   * the log if the process exits first or {@code timeout} passes.
   */
  public ServiceProcess awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    Instant deadline = Instant.now().plus(timeout);
    String last = "no answer yet";
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw failure("exited with code " + process.exitValue() + " before it was ready");
      }
      try {
        HttpResponse<String> r = http.send(ready, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return this;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("interrupted while waiting for readiness");
      }
      sleep(250);
    }
    throw failure("not ready after " + timeout + " (last readiness answer: " + last + ")");
  }

  /** SIGKILL, then waits for the exit: a crash, as the fault tests need. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** SIGTERM (Quarkus shuts down gracefully), then SIGKILL if it has not exited within 30 s. */
  public void stop() {
    process.destroy();
    if (!awaitExit(Duration.ofSeconds(30))) {
      kill();
    }
  }

  /** Waits until the process has exited; true if it did within {@code timeout}. */
  public boolean awaitExit(Duration timeout) {
    try {
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (exited) {
        LIVE.remove(process);
      }
      return exited;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
    LIVE.remove(process);
  }

  /** The last {@code lines} lines of the log, for failure messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private StackException failure(String what) {
    return new StackException(name + " (pid " + pid() + ", port " + port + ") " + what + "; log " + log
        + ", last lines:\n" + logTail(TAIL_LINES));
  }

  /** Exit hook: every service still running gets SIGTERM, then SIGKILL after the grace period. */
  private static void reap() {
    List<Process> running = new ArrayList<>(LIVE);
    running.forEach(Process::destroy);
    long deadline = System.nanoTime() + REAP_GRACE.toNanos();
    for (Process p : running) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What to launch and how; {@link #start()} does it. */
  public static final class Builder {
    private final String name;
    private final Path jar;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private String maxHeap = "512m";
    private int port;
    private Path workingDir;
    private Path workRoot;
    private Path logDir = Path.of("logs");
    private Path logFile;

    private Builder(String name, Path jar) {
      this.name = name;
      this.jar = jar;
    }

    /** Adds {@code -Dkey=value}. */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    public Builder properties(Map<String, String> values) {
      properties.putAll(values);
      return this;
    }

    /** The {@code -Xmx} value, such as {@code 512m} (the default) or {@code 2g}. */
    public Builder maxHeap(String value) {
      maxHeap = value;
      return this;
    }

    /** Any other JVM option, placed before the {@code -D} options. */
    public Builder jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    /** The HTTP port; 0 (the default) picks a free one. */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /** Where relative paths in the service resolve; default: {@link #workRoot} or else this JVM's. */
    public Builder workingDir(Path dir) {
      workingDir = dir;
      return this;
    }

    /** Gives each start a fresh working directory {@code <dir>/<name>-<n>}. */
    public Builder workRoot(Path dir) {
      workRoot = dir;
      return this;
    }

    /** The log goes to {@code <dir>/<name>-<n>.log}; default {@code ./logs}. */
    public Builder logDir(Path dir) {
      logDir = dir;
      return this;
    }

    /** The log goes to exactly this file, replaced at each start. */
    public Builder logFile(Path file) {
      logFile = file;
      return this;
    }

    /** Launches the JVM; {@code -Dquarkus.http.port} overrides any port set as a property. */
    public ServiceProcess start() throws IOException {
      if (!Files.isRegularFile(jar)) {
        throw new StackException(jar + " does not exist: package its module first");
      }
      int httpPort = port > 0 ? port : Ports.freePort();
      int n = STARTS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
      Path log = (logFile != null ? logFile : logDir.resolve(name + "-" + n + ".log")).toAbsolutePath();
      Files.createDirectories(log.getParent());
      Path dir = workingDir != null ? workingDir
          : workRoot != null ? workRoot.resolve(name + "-" + n) : Path.of("").toAbsolutePath();
      Files.createDirectories(dir);

      List<String> cmd = new ArrayList<>();
      cmd.add(javaBinary());
      cmd.add("-Xmx" + maxHeap);
      cmd.addAll(jvmArgs);
      properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
      cmd.add("-Dquarkus.http.port=" + httpPort);
      cmd.add("-jar");
      cmd.add(jar.toAbsolutePath().toString());

      Files.writeString(log, "# " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8);
      Process p = new ProcessBuilder(cmd)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      LIVE.add(p);
      return new ServiceProcess(name, httpPort, log, p);
    }

    /** The java that runs this JVM, so services run on the same JDK as the build or launcher. */
    private static String javaBinary() {
      return ProcessHandle.current().info().command()
          .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
  }
}
