package org.flashstack.memprog.host;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flashstack.api.memprog.MemProgHandler;
import org.flashstack.api.memprog.TargetLink;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.memprog.protocol.FixedLink;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.target.ArrayRegion;
import org.flashstack.memprog.target.StandaloneTarget;
import org.flashstack.memprog.target.TargetSettings;
import org.flashstack.memprog.target.handlers.StandardHandlers;
import org.flashstack.memprog.transport.jvm.SimulatedRam;

/** A FlashStack target on array regions in a simulated RAM, for host tests. */
final class TargetFixture implements AutoCloseable {

  static final long BASE = 0x2000_0000L;
  static final int RAM = 1 << 20;

  final SimulatedRam ram;
  final MemProgLayout layout;
  final List<ArrayRegion> regions;
  final Map<Integer, MemProgHandler> handlers = new HashMap<>(StandardHandlers.all());
  final StandaloneTarget target;

  /** Layout PARAM at BASE + 0x100 with a guard before, buffers packed after. */
  TargetFixture(int bufferCount, int bufferSize, TargetSettings settings, ArrayRegion... regions) {
    this.ram = new SimulatedRam("jvm:test", BASE, RAM);
    this.layout = MemProgLayout.packed(BASE + 0x100, bufferCount, bufferSize);
    this.regions = List.of(regions);
    this.target =
        StandaloneTarget.start("test", ram, layout, this.regions, handlers::get, settings);
  }

  TargetFixture(int bufferCount, int bufferSize, ArrayRegion... regions) {
    this(bufferCount, bufferSize, TargetSettings.DEFAULTS, regions);
  }

  static TargetSettings quick(Duration limit) {
    return TargetSettings.DEFAULTS.withTimeouts(limit, limit);
  }

  TargetLink link() {
    return link(ram, layout.paramAddress());
  }

  static TargetLink link(TargetMemory memory, long param) {
    return new FixedLink(memory, param, "jvm:test");
  }

  MemProgHost connect() throws java.io.IOException {
    return MemProgHost.connect(link(), HostSettings.DEFAULTS);
  }

  @Override
  public void close() {
    target.close();
  }
}
