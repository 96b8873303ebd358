package org.flashstack.shell.internal;

import java.nio.file.Path;
import org.apache.karaf.shell.api.console.Session;

/**
 * Resolves the file names users type where the user is: {@code ./flashstack client} sends its
 * caller's working directory as the session variable {@value #CWD}, and {@code ./flashstack} (the
 * console) exports it as an environment variable of the same name, so a relative path means the
 * same as in the user's own shell. Without either, relative paths resolve against the process's
 * working directory (Karaf's own folder).
 */
final class UserPaths {
  private UserPaths() {}

  /** The session variable with the caller's working directory. */
  static final String CWD = "FLASHSTACK_CWD";

  static Path resolve(Session session, String path) {
    Path given = Path.of(path);
    if (given.isAbsolute()) {
      return given.normalize();
    }
    return base(session).resolve(given).toAbsolutePath().normalize();
  }

  /**
   * @return the directory relative paths mean for this session's user
   */
  static Path base(Session session) {
    Object cwd = session == null ? null : session.get(CWD);
    if (cwd == null || cwd.toString().isBlank()) {
      cwd = System.getenv(CWD);
    }
    return cwd == null || cwd.toString().isBlank()
        ? Path.of("").toAbsolutePath()
        : Path.of(cwd.toString()).toAbsolutePath();
  }
}
