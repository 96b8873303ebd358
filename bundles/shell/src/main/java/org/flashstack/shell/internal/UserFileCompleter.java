package org.flashstack.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;

/**
 * Completes file names relative to where the user is ({@link UserPaths#base}), not to Karaf's own
 * folder as Karaf's file completer does; absolute names complete as they are. Directories end with
 * a slash, hidden entries show only once a dot is typed.
 */
@Service
public class UserFileCompleter implements Completer {

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    String typed = commandLine.getCursorArgument() == null ? "" : commandLine.getCursorArgument();
    typed = typed.substring(0, Math.min(typed.length(), commandLine.getArgumentPosition()));
    int slash = typed.lastIndexOf('/');
    String directoryPart = typed.substring(0, slash + 1);
    String prefix = typed.substring(slash + 1);
    Path directory =
        directoryPart.isEmpty()
            ? UserPaths.base(session)
            : UserPaths.base(session).resolve(directoryPart);
    if (!Files.isDirectory(directory)) {
      return -1;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      entries
          .filter(entry -> entry.getFileName().toString().startsWith(prefix))
          .filter(
              entry -> prefix.startsWith(".") || !entry.getFileName().toString().startsWith("."))
          .sorted()
          .forEach(
              entry ->
                  candidates.add(
                      directoryPart + entry.getFileName() + (Files.isDirectory(entry) ? "/" : "")));
    } catch (IOException unreadable) {
      return -1;
    }
    return candidates.isEmpty() ? -1 : 0;
  }
}
