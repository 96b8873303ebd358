package org.flashstack.net;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The servers of one kind that run, by port, and the threads they serve their clients on: what a
 * component behind {@code serve}, {@code list} and {@code stop} shell commands keeps.
 *
 * @param <S> the server type
 */
public final class ServerRegistry<S extends AutoCloseable> {

  private final String kind;
  private final ToIntFunction<S> port;
  private final Map<Integer, S> servers = new ConcurrentHashMap<>();
  private final ExecutorService threads;

  /**
   * @param kind what the servers are, for messages ("gdb server")
   * @param port a server's port
   */
  public ServerRegistry(String kind, ToIntFunction<S> port) {
    this.kind = kind;
    this.port = port;
    this.threads =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, kind.replace(' ', '-'));
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * @return the threads the servers accept and serve their clients on
   */
  public ExecutorService threads() {
    return threads;
  }

  /**
   * @throws IllegalArgumentException if a server already listens on {@code wanted} (not 0)
   */
  public void checkFree(int wanted) {
    if (wanted != 0 && servers.containsKey(wanted)) {
      throw new IllegalArgumentException("a " + kind + " already listens on port " + wanted);
    }
  }

  /** Adds a server that runs. */
  public S add(S server) {
    servers.put(port.applyAsInt(server), server);
    return server;
  }

  /**
   * @return a line each for the servers that run, sorted by port
   */
  public <T> List<T> list(Function<S, T> describe) {
    List<S> all = new ArrayList<>(servers.values());
    all.sort(Comparator.comparingInt(port));
    List<T> lines = new ArrayList<>();
    all.forEach(s -> lines.add(describe.apply(s)));
    return lines;
  }

  /**
   * Stops the server on {@code wanted}.
   *
   * @return whether one ran there
   */
  public boolean stop(int wanted) {
    S server = servers.remove(wanted);
    if (server == null) {
      return false;
    }
    closeQuietly(server);
    return true;
  }

  /** Stops them all, and their threads. */
  public void stopAll() {
    servers.values().forEach(ServerRegistry::closeQuietly);
    servers.clear();
    threads.shutdownNow();
  }

  private static void closeQuietly(AutoCloseable server) {
    try {
      server.close();
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
