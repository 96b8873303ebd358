package org.flashstack.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashGeometry;
import org.osgi.framework.BundleContext;

/**
 * Completes an offset with the block boundaries of the device named before it (the first 256), in
 * hex: the offsets erase, lock and most writes start at. Any number the user typed is accepted as
 * it is: Karaf's argument completer checks each earlier argument against its completer before it
 * completes a later one (the file of {@code flash:write}), so a completer that offered nothing for
 * "0" or "64K" would stop the completion of everything after it.
 */
@Service
public class BlockBoundaryCompleter implements Completer {

  private static final int MAX_CANDIDATES = 256;

  @Reference BundleContext context;

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    List<String> boundaries = new ArrayList<>();
    String[] arguments = commandLine.getArguments();
    for (int i = 1; i < commandLine.getCursorArgumentIndex() && i < arguments.length; i++) {
      if (arguments[i].startsWith("-")) {
        continue;
      }
      try (Services.Held<Flash> held = Services.flash(context, arguments[i])) {
        FlashGeometry geometry = held.get().geometry();
        for (long at = 0; at < geometry.size() && boundaries.size() < MAX_CANDIDATES; ) {
          boundaries.add(String.format("0x%x", at));
          at += geometry.blockSizeAt(at);
        }
      } catch (RuntimeException notADevice) {
        continue;
      }
      break;
    }
    String typed = commandLine.getCursorArgument();
    if (typed != null && !typed.isEmpty() && !boundaries.contains(typed) && isNumber(typed)) {
      boundaries.add(typed);
    }
    return new StringsCompleter(boundaries).complete(session, commandLine, candidates);
  }

  private static boolean isNumber(String text) {
    try {
      Numbers.parse(text, "offset");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
