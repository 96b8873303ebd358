package org.flashstack.memprog.host.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.memprog.TargetLink;
import org.flashstack.api.memprog.TargetTransport;
import org.flashstack.memprog.host.HostSettings;
import org.flashstack.memprog.host.MemProgHost;
import org.flashstack.memprog.host.MemProgProgrammer;
import org.flashstack.memprog.host.ProgrammerSessions;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one current connection, over the transports up by scheme. */
@Component
public final class ProgrammerSessionsComponent implements ProgrammerSessions {

  private static final Logger LOG = LoggerFactory.getLogger(ProgrammerSessionsComponent.class);

  private final Map<String, TargetTransport> transports = new ConcurrentHashMap<>();
  private MemProgProgrammer current;

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindTransport(TargetTransport transport) {
    transports.put(transport.scheme(), transport);
  }

  void unbindTransport(TargetTransport transport) {
    transports.remove(transport.scheme(), transport);
  }

  @Override
  public MemProgProgrammer connect(String uri, HostSettings settings) throws IOException {
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "'" + uri + "' is not scheme:location; schemes here: " + schemes());
    }
    TargetTransport transport = transports.get(uri.substring(0, colon));
    if (transport == null) {
      throw new IllegalArgumentException(
          "no transport for '" + uri.substring(0, colon) + ":'; schemes here: " + schemes());
    }
    TargetLink link = transport.open(uri.substring(colon + 1));
    MemProgHost host = MemProgHost.connect(link, settings);
    MemProgProgrammer previous;
    synchronized (this) {
      previous = current;
      current = new MemProgProgrammer(host);
    }
    if (previous != null) {
      previous.host().close();
    }
    LOG.info("connected to {}: {}", host.uri(), host.layout());
    return current;
  }

  @Override
  public synchronized Optional<MemProgProgrammer> current() {
    return Optional.ofNullable(current);
  }

  @Override
  public boolean disconnect() {
    MemProgProgrammer previous;
    synchronized (this) {
      previous = current;
      current = null;
    }
    if (previous == null) {
      return false;
    }
    previous.host().close();
    return true;
  }

  @Override
  public Set<String> schemes() {
    return new TreeSet<>(transports.keySet());
  }

  @Deactivate
  void deactivate() {
    disconnect();
  }
}
