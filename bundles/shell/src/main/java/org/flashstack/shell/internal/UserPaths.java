package org.flashstack.shell.internal;

import java.nio.file.Path;
import org.apache.karaf.shell.api.console.Session;

/**
 * Resolves the file names users type where the user is: {@code ./flashstack client} sends its
 * caller's working directory as the session variable {@value #CWD}, so a relative path means the
 * same as in the user's own shell; on the console (whose process started where the user was) and
 * without the variable, relative paths resolve against the process's working directory.
 */
final class UserPaths {
  private UserPaths() {}

  /** The session variable with the caller's working directory. */
  static final String CWD = "FLASHSTACK_CWD";

  static Path resolve(Session session, String path) {
    Path given = Path.of(path);
    if (given.isAbsolute() || session == null) {
      return given.toAbsolutePath().normalize();
    }
    Object cwd = session.get(CWD);
    Path base = cwd == null || cwd.toString().isBlank() ? Path.of("") : Path.of(cwd.toString());
    return base.resolve(given).toAbsolutePath().normalize();
  }
}
