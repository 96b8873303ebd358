package org.flashstack.serprog.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.spi.SpiDevice;
import org.flashstack.api.spi.SpiException;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.api.spi.SpiSegment;
import org.flashstack.net.ServerRegistry;
import org.flashstack.serprog.PacedBus;
import org.flashstack.serprog.SerprogBus;
import org.flashstack.serprog.SerprogServer;
import org.flashstack.serprog.SerprogServers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The framework's serprog servers, each in front of one SPI bus's devices (the SPI virtualizer's
 * {@link SpiDevice}s, chosen by {@code spi.bus} and {@code spi.cs}), their chips' clock paced by
 * the client's wall time.
 */
@Component(configurationPid = SerprogServersComponent.PID)
@Designate(ocd = SerprogServersConfiguration.class)
public final class SerprogServersComponent implements SerprogServers {

  static final String PID = "org.flashstack.serprog";

  private final InetAddress bind;
  private final EmulatedClock clock;
  private final ServerRegistry<SerprogServer> servers =
      new ServerRegistry<>("serprog server", SerprogServer::port);

  /** bus -> chip select -> device */
  private final Map<String, Map<Integer, SpiDevice>> devices = new ConcurrentHashMap<>();

  @Activate
  public SerprogServersComponent(
      @Reference EmulatedClock clock, SerprogServersConfiguration configuration)
      throws IOException {
    this.clock = clock;
    this.bind = InetAddress.getByName(configuration.bind());
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindDevice(SpiDevice device) {
    devices
        .computeIfAbsent(device.bus(), b -> new ConcurrentHashMap<>())
        .put(device.chipSelect(), device);
  }

  void unbindDevice(SpiDevice device) {
    Map<Integer, SpiDevice> bus = devices.get(device.bus());
    if (bus != null) {
      bus.remove(device.chipSelect(), device);
    }
  }

  @Override
  public Served serve(String bus, int port) throws IOException {
    Map<Integer, SpiDevice> chips = devices.get(bus);
    if (chips == null || chips.isEmpty()) {
      throw new IllegalArgumentException(
          "no SPI device on bus '" + bus + "'; buses with devices: " + devices.keySet());
    }
    servers.checkFree(port);
    return served(
        servers.add(
            SerprogServer.start(
                new PacedBus(new DeviceBus(bus), clock), bind, port, servers.threads())));
  }

  /** A bus as the SPI virtualizer's devices of that bus offer it. */
  private final class DeviceBus implements SerprogBus {
    private final String bus;

    DeviceBus(String bus) {
      this.bus = bus;
    }

    @Override
    public String name() {
      return bus;
    }

    @Override
    public boolean hasChipSelect(int chipSelect) {
      Map<Integer, SpiDevice> chips = devices.get(bus);
      return chips != null && chips.containsKey(chipSelect);
    }

    @Override
    public void transfer(int chipSelect, byte[] write, byte[] read) throws IOException {
      Map<Integer, SpiDevice> chips = devices.get(bus);
      SpiDevice device = chips == null ? null : chips.get(chipSelect);
      if (device == null) {
        throw new IOException(bus + ": no device on chip select " + chipSelect + " now");
      }
      List<SpiSegment> segments = new ArrayList<>(2);
      if (write.length > 0) {
        segments.add(SpiSegment.transmit(SpiLanes.SINGLE, write, 0, write.length));
      }
      if (read.length > 0) {
        segments.add(SpiSegment.receive(SpiLanes.SINGLE, read, 0, read.length));
      }
      try {
        device.transfer(segments);
      } catch (SpiException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }

  private static Served served(SerprogServer server) {
    return new Served(server.bus(), server.address(), server.clients(), server.operations());
  }

  @Override
  public List<Served> list() {
    return servers.list(SerprogServersComponent::served);
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
