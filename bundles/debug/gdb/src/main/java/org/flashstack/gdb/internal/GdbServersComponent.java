package org.flashstack.gdb.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.memprog.MemProgTarget;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.gdb.GdbServer;
import org.flashstack.gdb.GdbServers;
import org.flashstack.net.ServerRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/** The framework's gdb servers, on the MemProgLib targets' and RAMs' memories. */
@Component(configurationPid = GdbServersComponent.PID)
@Designate(ocd = GdbServersConfiguration.class)
public final class GdbServersComponent implements GdbServers {

  static final String PID = "org.flashstack.gdb";

  private final InetAddress bind;
  private final ServerRegistry<GdbServer> servers =
      new ServerRegistry<>("gdb server", GdbServer::port);
  private final Map<String, MemProgTarget> targets = new ConcurrentHashMap<>();
  private final Map<String, TargetMemory> memories = new ConcurrentHashMap<>();

  @Activate
  public GdbServersComponent(GdbServersConfiguration configuration) throws IOException {
    bind = InetAddress.getByName(configuration.bind());
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindTarget(MemProgTarget target) {
    targets.put(target.name(), target);
  }

  void unbindTarget(MemProgTarget target) {
    targets.remove(target.name(), target);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY,
      target = "(memprog.memory=*)")
  void bindMemory(TargetMemory memory, Map<String, Object> properties) {
    memories.put(String.valueOf(properties.get("memprog.memory")), memory);
  }

  void unbindMemory(TargetMemory memory, Map<String, Object> properties) {
    memories.remove(String.valueOf(properties.get("memprog.memory")), memory);
  }

  @Override
  public Served serve(String target, int port) throws IOException {
    MemProgTarget running = targets.get(target);
    TargetMemory memory = running != null ? running.memory() : memories.get(target);
    if (memory == null) {
      throw new IllegalArgumentException(
          "no MemProgLib target or RAM '"
              + target
              + "' here; targets: "
              + targets.keySet()
              + ", RAMs: "
              + memories.keySet());
    }
    servers.checkFree(port);
    return served(servers.add(GdbServer.start(target, memory, bind, port, servers.threads())));
  }

  private static Served served(GdbServer server) {
    return new Served(server.name(), server.address(), server.clients(), server.packets());
  }

  @Override
  public List<Served> list() {
    return servers.list(GdbServersComponent::served);
  }

  @Override
  public boolean stop(int port) {
    return servers.stop(port);
  }

  @Deactivate
  void deactivate() {
    servers.stopAll();
  }
}
