package org.flashstack.memprog.host;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The framework's MemProgLib connection, as the shell's {@code prog:} commands use it: one at a
 * time; connecting again closes the previous one.
 */
@ProviderType
public interface ProgrammerSessions {

  /**
   * Connects to {@code uri} ({@code jvm:default}, {@code shm:/tmp/ram?base=0x20000000&param=...})
   * through the transport of its scheme.
   *
   * @throws IllegalArgumentException for a URI without a known scheme or with a malformed location
   * @throws IOException if the target cannot be reached or does not answer QUERY_CAP
   */
  MemProgProgrammer connect(String uri, HostSettings settings) throws IOException;

  /**
   * @return the connection, if there is one
   */
  Optional<MemProgProgrammer> current();

  /**
   * Closes the connection.
   *
   * @return whether there was one
   */
  boolean disconnect();

  /**
   * @return the schemes of the transports up now
   */
  Set<String> schemes();
}
