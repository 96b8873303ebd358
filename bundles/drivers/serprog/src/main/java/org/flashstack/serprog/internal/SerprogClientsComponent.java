package org.flashstack.serprog.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flashstack.api.spi.SpiBinding;
import org.flashstack.api.spi.SpiMaster;
import org.flashstack.serprog.SerprogClients;
import org.flashstack.serprog.SerprogSpiMaster;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Serprog connections, each registered as the {@link SpiMaster} of its bus while it lasts (a
 * service registered here, not a component: a connection is made and ended at runtime).
 */
@Component
public final class SerprogClientsComponent implements SerprogClients {

  private final BundleContext context;
  private final Map<String, Connection> connections = new TreeMap<>();

  private record Connection(
      SerprogSpiMaster master, ServiceRegistration<SpiMaster> registration, String address) {}

  @Activate
  public SerprogClientsComponent(BundleContext context) {
    this.context = context;
  }

  @Override
  public void connect(String bus, String host, int port) throws IOException {
    synchronized (this) {
      if (connections.containsKey(bus)) {
        throw new IllegalArgumentException("bus " + bus + " already has a serprog connection");
      }
    }
    SerprogSpiMaster master = SerprogSpiMaster.connect(bus, host, port, Duration.ofSeconds(5));
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(SpiBinding.BUS, bus);
    properties.put(SpiBinding.MAX_LANES, 1);
    synchronized (this) {
      connections.put(
          bus,
          new Connection(
              master,
              context.registerService(SpiMaster.class, master, properties),
              host + ":" + port));
    }
  }

  @Override
  public boolean disconnect(String bus) {
    Connection connection;
    synchronized (this) {
      connection = connections.remove(bus);
    }
    if (connection == null) {
      return false;
    }
    connection.registration().unregister();
    connection.master().close();
    return true;
  }

  @Override
  public synchronized List<String> list() {
    List<String> lines = new ArrayList<>();
    connections.forEach((bus, c) -> lines.add(bus + " serprog:" + c.address()));
    return lines;
  }

  @Deactivate
  void deactivate() {
    for (String bus : new ArrayList<>(connections.keySet())) {
      disconnect(bus);
    }
  }
}
