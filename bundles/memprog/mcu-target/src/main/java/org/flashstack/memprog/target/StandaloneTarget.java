package org.flashstack.memprog.target;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntFunction;
import org.flashstack.api.memprog.MemProgHandler;
import org.flashstack.api.memprog.MemProgRegion;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.target.handlers.StandardHandlers;

/**
 * A target outside OSGi that owns its threads: a loop scheduler and a handler pool, both ended by
 * {@link #close()}. For tools, tests, benchmarks and a target process of its own.
 */
public final class StandaloneTarget implements AutoCloseable {

  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService handlerThreads = Executors.newCachedThreadPool();
  private final MemProgTargetEngine engine;

  private StandaloneTarget(
      String name,
      TargetMemory memory,
      MemProgLayout layout,
      List<? extends MemProgRegion> regions,
      IntFunction<MemProgHandler> handlers,
      TargetSettings settings) {
    engine =
        new MemProgTargetEngine(
            name,
            memory,
            layout,
            regions.size(),
            regions::get,
            handlers,
            settings,
            loop,
            handlerThreads);
  }

  /** Starts a target with the standard handlers and default settings, one interface per region. */
  public static StandaloneTarget start(
      String name,
      TargetMemory memory,
      MemProgLayout layout,
      List<? extends MemProgRegion> regions) {
    Map<Integer, MemProgHandler> standard = StandardHandlers.all();
    return start(name, memory, layout, regions, standard::get, TargetSettings.DEFAULTS);
  }

  /** Starts a target, one interface per region, with these handlers and settings. */
  public static StandaloneTarget start(
      String name,
      TargetMemory memory,
      MemProgLayout layout,
      List<? extends MemProgRegion> regions,
      IntFunction<MemProgHandler> handlers,
      TargetSettings settings) {
    StandaloneTarget target =
        new StandaloneTarget(name, memory, layout, regions, handlers, settings);
    try {
      target.engine.start();
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
    return target;
  }

  /**
   * @return the engine
   */
  public MemProgTargetEngine engine() {
    return engine;
  }

  /** Stops the loop and ends every command, then the threads. */
  @Override
  public void close() {
    engine.close();
    loop.shutdownNow();
    handlerThreads.shutdownNow();
  }
}
