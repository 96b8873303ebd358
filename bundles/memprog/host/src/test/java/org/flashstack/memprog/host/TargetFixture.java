package org.flashstack.memprog.host;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.flashstack.api.memprog.MemProgHandler;
import org.flashstack.api.memprog.TargetLink;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.target.ArrayRegion;
import org.flashstack.memprog.target.MemProgTargetEngine;
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
  final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  final ExecutorService handlerThreads = Executors.newCachedThreadPool();
  final MemProgTargetEngine engine;

  /** Layout PARAM at BASE + 0x100 with a guard before, buffers packed after. */
  TargetFixture(int bufferCount, int bufferSize, TargetSettings settings, ArrayRegion... regions) {
    this.ram = new SimulatedRam("jvm:test", BASE, RAM);
    this.layout = MemProgLayout.packed(BASE + 0x100, bufferCount, bufferSize);
    this.regions = List.of(regions);
    this.engine =
        new MemProgTargetEngine(
            "test",
            ram,
            layout,
            regions.length,
            i -> this.regions.get(i),
            handlers::get,
            settings,
            loop,
            handlerThreads);
    engine.start();
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
    return new TargetLink() {
      @Override
      public TargetMemory memory() {
        return memory;
      }

      @Override
      public long paramAddress() {
        return param;
      }

      @Override
      public String uri() {
        return "jvm:test";
      }

      @Override
      public void close() {}
    };
  }

  MemProgHost connect() throws java.io.IOException {
    return MemProgHost.connect(link(), HostSettings.DEFAULTS);
  }

  @Override
  public void close() {
    engine.close();
    loop.shutdownNow();
    handlerThreads.shutdownNow();
  }
}
