package org.flashstack.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.framework.BundleContext;

/** Completes the device names of the live services of one type. */
abstract class ServiceNameCompleter implements Completer {

  @Reference BundleContext context;

  private final Class<?> type;

  ServiceNameCompleter(Class<?> type) {
    this.type = type;
  }

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    return new StringsCompleter(Services.names(context, type))
        .complete(session, commandLine, candidates);
  }
}
