package org.flashstack.gdb;

import java.io.IOException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The gdb servers running in the framework, as the shell's {@code gdb:} commands manage them. */
@ProviderType
public interface GdbServers {

  /**
   * A server that runs.
   *
   * @param target what it serves: a MemProgLib target's or a RAM's name
   * @param address where it listens
   * @param clients how many clients are connected
   * @param packets how many packets it answered
   */
  record Served(String target, String address, int clients, long packets) {}

  /**
   * Serves the memory of {@code target} (a MemProgLib target's name, or a RAM's {@code
   * memprog.memory}) on {@code port} (0: any free one), on the configured address (loopback unless
   * configured otherwise).
   *
   * @return the server
   * @throws IllegalArgumentException if there is no such target or RAM
   * @throws IOException if the port cannot be bound
   */
  Served serve(String target, int port) throws IOException;

  /**
   * @return the servers that run
   */
  List<Served> list();

  /**
   * Stops the server on {@code port}.
   *
   * @return whether one ran there
   */
  boolean stop(int port);
}
