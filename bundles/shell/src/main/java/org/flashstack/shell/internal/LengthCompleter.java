package org.flashstack.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Completes a length with the usual block sizes, and accepts any number the user typed (so that
 * Karaf's check of earlier arguments lets the completion of later ones, such as a trailing {@code
 * --out} file, go on).
 */
@Service
public class LengthCompleter implements Completer {

  private static final List<String> SIZES = List.of("4K", "64K", "256K", "1M");

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    List<String> offered = new ArrayList<>(SIZES);
    String typed = commandLine.getCursorArgument();
    if (typed != null && !typed.isEmpty() && !offered.contains(typed)) {
      try {
        Numbers.parse(typed, "length");
        offered.add(typed);
      } catch (IllegalArgumentException notANumber) {
        // Not a length: offer only the usual sizes.
      }
    }
    return new StringsCompleter(offered).complete(session, commandLine, candidates);
  }
}
