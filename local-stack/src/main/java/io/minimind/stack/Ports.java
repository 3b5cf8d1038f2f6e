package io.minimind.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Port helpers shared by the local stack (fixed, user-chosen ports that must be free) and the
 * end-to-end tests (any free port). Both open and close a {@link ServerSocket}: slightly racy, but it
 * turns "address already in use" deep in a child's log into a message before anything starts.
 */
public final class Ports {
  private Ports() {
  }

  /** A port that is free now, chosen by the OS. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  /** Whether nothing listens on {@code port} (checked on the wildcard address, as Quarkus binds). */
  public static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress((InetAddress) null, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Fails with a message naming the service and the option that changes its port, when {@code port}
   * is taken (often: a stack from an earlier run is still up).
   */
  public static void requireFree(int port, String service, String option) {
    if (port < 1 || port > 65535) {
      throw new StackException(service + ": port " + port + " is not in 1..65535 (" + option + ")");
    }
    if (!isFree(port)) {
      throw new StackException("port " + port + " for " + service + " is already in use. Stop what"
          + " listens there (is another `minimind stack` still up? `ss -ltnp | grep :" + port + "`)"
          + " or choose another port with " + option + "=<port>");
    }
  }
}
