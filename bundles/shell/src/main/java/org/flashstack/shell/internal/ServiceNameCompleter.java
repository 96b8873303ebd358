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
  private final String property;

  ServiceNameCompleter(Class<?> type) {
    this(type, org.flashstack.api.device.DeviceProperties.NAME);
  }

  /** Completes the values of {@code property} instead of the device name. */
  ServiceNameCompleter(Class<?> type, String property) {
    this.type = type;
    this.property = property;
  }

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    return new StringsCompleter(Services.names(context, type, property))
        .complete(session, commandLine, candidates);
  }
}
